using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// Writes and removes OCI bundles: <c>&lt;exec root&gt;/containers/&lt;id&gt;/config.json</c>. The root
/// filesystem is not inside the bundle (root.path points at the overlay mount), so removing a
/// bundle can never touch a container's files.
/// </summary>
public static class BundleWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes config.json atomically (temp file + rename); returns the bundle and "sha256:&lt;hex&gt;" of the bytes written.</summary>
    public static BundleInfo Write(TaskPaths paths, JsonObject spec)
    {
        Directory.CreateDirectory(paths.BundleDir);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(spec, Indented);
        var temp = paths.ConfigFile + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, paths.ConfigFile, overwrite: true);
        return new BundleInfo(paths.BundleDir, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Removes the bundle directory and everything in it; nothing to do when it is gone.</summary>
    public static void Delete(TaskPaths paths)
    {
        try
        {
            Directory.Delete(paths.BundleDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
