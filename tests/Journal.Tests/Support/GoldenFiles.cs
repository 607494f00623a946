using System.Runtime.CompilerServices;

namespace Berth.Journal.Tests.Support;

/// <summary>
/// Where the frozen samples live: <c>Golden/&lt;manifest with '/' as '_'&gt;.json</c>, copied to the
/// test output. The writer adds a sample for a manifest that has none and never touches an existing one.
/// </summary>
internal static class GoldenFiles
{
    /// <summary>Set to 1 to have <see cref="WriteMissing"/> add samples of new manifests to the source tree.</summary>
    public const string WriteVariable = "BERTH_WRITE_GOLDEN";

    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static string FileName(string manifest) => manifest.Replace('/', '_') + ".json";

    public static string ManifestOf(string path) => Path.GetFileNameWithoutExtension(path).Replace('_', '/');

    /// <summary>Every sample in the output directory: (manifest, stored bytes).</summary>
    public static IEnumerable<(string Manifest, byte[] Bytes)> ReadAll() =>
        Directory.EnumerateFiles(OutputDirectory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => (ManifestOf(path), File.ReadAllBytes(path)));

    /// <summary>Writes <paramref name="bytes"/> as the sample of <paramref name="manifest"/> unless one exists.</summary>
    public static bool WriteMissing(string manifest, byte[] bytes)
    {
        var path = Path.Combine(SourceDirectory(), FileName(manifest));
        if (File.Exists(path)) return false;
        File.WriteAllBytes(path, bytes);
        return true;
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden");
}
