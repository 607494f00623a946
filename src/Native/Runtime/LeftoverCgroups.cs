namespace Berth.Native.Runtime;

/// <summary>
/// Removes a container's cgroup directories that the runtime left behind — after a crash between
/// create and delete, or when the runtime's state was already gone. The runtime's own delete
/// removes them in the normal case; this is the idempotent safety net. Best effort: a cgroup that
/// still holds processes cannot be removed and is left alone.
/// </summary>
internal static class LeftoverCgroups
{
    public static void Remove(string cgroupsPath, string cgroupRoot = "/sys/fs/cgroup")
    {
        if (!Directory.Exists(cgroupRoot)) return;
        var relative = cgroupsPath.Trim('/');
        if (relative.Length == 0) return;
        // A v1 host has one hierarchy per controller (plus name=systemd and the unified v2 one); a v2 host has one.
        var hierarchies = new[] { cgroupRoot }.Concat(SafeDirectories(cgroupRoot));
        foreach (var hierarchy in hierarchies)
        {
            var dir = Path.Combine(hierarchy, relative);
            if (Directory.Exists(dir)) RemoveTree(dir);
        }
    }

    /// <summary>cgroup directories cannot be deleted recursively, only rmdir'ed leaf first.</summary>
    private static void RemoveTree(string dir)
    {
        foreach (var child in SafeDirectories(dir)) RemoveTree(child);
        try
        {
            Directory.Delete(dir, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Busy (processes left) or not ours to remove: nothing more to do here.
        }
    }

    private static IEnumerable<string> SafeDirectories(string dir)
    {
        try
        {
            return Directory.GetDirectories(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
