namespace Berth.Native.Runtime;

/// <summary>
/// Whether a process's cgroup is frozen, read from the kernel: the cgroup v1 freezer hierarchy's
/// <c>freezer.state</c> (FROZEN, or FREEZING on its way there) or cgroup v2's <c>cgroup.freeze</c>. The
/// cgroup is found through <c>/proc/&lt;pid&gt;/cgroup</c>, so it holds whatever parent the runtime used.
/// </summary>
internal static class CgroupFreezer
{
    public static bool IsFrozen(int pid, string procRoot = "/proc", string cgroupRoot = "/sys/fs/cgroup")
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(procRoot, pid.ToString(), "cgroup"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
        return IsFrozen(lines, cgroupRoot);
    }

    /// <summary>From the lines of /proc/&lt;pid&gt;/cgroup (<c>id:controllers:path</c>).</summary>
    public static bool IsFrozen(IEnumerable<string> cgroupLines, string cgroupRoot)
    {
        string? unified = null;
        foreach (var line in cgroupLines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[1].Split(',').Contains("freezer"))
                return Read(Path.Join(cgroupRoot, "freezer", parts[2], "freezer.state")) is "FROZEN" or "FREEZING";
            if (parts[0] == "0" && parts[1].Length == 0) unified = parts[2];
        }
        return unified is not null && Read(Path.Join(cgroupRoot, unified, "cgroup.freeze")) == "1";
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
