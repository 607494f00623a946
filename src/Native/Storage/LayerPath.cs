namespace Berth.Native.Storage;

/// <summary>
/// Turns a tar entry name (or hard-link target) into path components that cannot leave the
/// directory the layer is unpacked into: absolute names and <c>..</c> components are refused,
/// <c>.</c> and empty components dropped. An empty result names the layer root itself.
/// </summary>
internal static class LayerPath
{
    public static string[] Split(string name, string entryName)
    {
        if (name.Length == 0) throw new UnsafeLayerEntryException(entryName, "empty path");
        if (name[0] == '/') throw new UnsafeLayerEntryException(entryName, $"absolute path \"{name}\"");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
            throw new UnsafeLayerEntryException(entryName, $"\"{name}\" has a '..' component that escapes the layer");
        if (parts.Any(p => p.Contains('\0')))
            throw new UnsafeLayerEntryException(entryName, "path contains a NUL byte");
        return parts;
    }
}
