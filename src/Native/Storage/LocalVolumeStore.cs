using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Native.Storage;

/// <summary>
/// The file-based <see cref="IVolumeStore"/>: a volume is its directory; <c>volume.json</c> beside
/// <c>_data</c> keeps its labels, options and creation time. The directory itself is the fact —
/// no journal entry can disagree with it, and a crash between mkdir and the metadata write leaves a
/// volume that still lists (its time then read from the directory).
/// </summary>
public sealed partial class LocalVolumeStore(string root, TimeProvider? clock = null) : IVolumeStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Root { get; } = root;

    /// <summary>docker's rule for local volume names.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public string DataPath(string name) => Path.Combine(VolumeDir(name), "_data");

    public VolumeInfo Create(string name, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? options = null)
    {
        if (Get(name) is { } existing && File.Exists(MetaPath(name))) return existing;
        Directory.CreateDirectory(DataPath(name));
        var meta = new VolumeMeta(_clock.GetUtcNow(), new Dictionary<string, string>(labels ?? new Dictionary<string, string>()), new Dictionary<string, string>(options ?? new Dictionary<string, string>()));
        AtomicFile.WriteJson(MetaPath(name), meta, Json);
        return Get(name)!;
    }

    public VolumeInfo? Get(string name)
    {
        if (!IsValidName(name) || !Directory.Exists(DataPath(name))) return null;
        VolumeMeta? meta = null;
        try
        {
            if (File.Exists(MetaPath(name))) meta = JsonSerializer.Deserialize<VolumeMeta>(File.ReadAllBytes(MetaPath(name)));
        }
        catch (JsonException)
        {
            // A torn or foreign file: the volume is still there; show it without labels.
        }
        return new VolumeInfo(name, DataPath(name),
            meta?.CreatedAt ?? new DateTimeOffset(Directory.GetCreationTimeUtc(VolumeDir(name)), TimeSpan.Zero),
            meta?.Labels ?? new Dictionary<string, string>(), meta?.Options ?? new Dictionary<string, string>());
    }

    public IReadOnlyList<VolumeInfo> List() => !Directory.Exists(Root)
        ? []
        : [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Select(Get).OfType<VolumeInfo>().OrderBy(v => v.Name, StringComparer.Ordinal)];

    public long Remove(string name)
    {
        if (Get(name) is null) throw new StorageException(StorageErrorKind.NotFound, $"get {name}: no such volume");
        var size = SizeOf(DataPath(name));
        Directory.Delete(VolumeDir(name), recursive: true);
        return size;
    }

    private string VolumeDir(string name) => Path.Combine(Root, name);

    private string MetaPath(string name) => Path.Combine(VolumeDir(name), "volume.json");

    private static long SizeOf(string dir)
    {
        try
        {
            return new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Where(f => f.LinkTarget is null).Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();

    private sealed record VolumeMeta(DateTimeOffset CreatedAt, Dictionary<string, string> Labels, Dictionary<string, string> Options);
}
