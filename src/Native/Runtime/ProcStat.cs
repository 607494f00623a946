namespace Berth.Native.Runtime;

/// <summary>
/// Reads /proc/&lt;pid&gt;: whether a process runs and its start time (field 22 of stat, clock ticks
/// since boot), which together with the pid names one process for the whole uptime: a recycled pid
/// has a different start time.
/// </summary>
internal static class ProcStat
{
    /// <summary>The start time of <paramref name="pid"/>, or null when there is no such live process (gone or a zombie).</summary>
    public static long? StartTime(int pid, string procRoot = "/proc")
    {
        if (pid <= 0) return null;
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(procRoot, pid.ToString(), "stat"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        return ParseStartTime(text);
    }

    /// <summary>Parses a stat line; null for a zombie or dead process, which no longer runs anything.</summary>
    public static long? ParseStartTime(string stat)
    {
        // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 is fields[19].
        if (fields.Length < 20 || fields[0] is "Z" or "X" or "x") return null;
        return long.TryParse(fields[19], out var start) ? start : null;
    }

    /// <summary>Is <paramref name="pid"/> the same live process that had <paramref name="startTime"/>?</summary>
    public static bool IsAlive(int pid, long startTime, string procRoot = "/proc") =>
        StartTime(pid, procRoot) is { } now && now == startTime;

    /// <summary>The process's argv, or empty when it is gone.</summary>
    public static IReadOnlyList<string> CommandLine(int pid, string procRoot = "/proc")
    {
        if (pid <= 0) return [];
        try
        {
            return File.ReadAllText(Path.Combine(procRoot, pid.ToString(), "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return [];
        }
    }
}
