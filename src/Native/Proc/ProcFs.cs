using System.Globalization;

namespace Berth.Native.Proc;

/// <summary>
/// Reads what berth needs of /proc: a process's stat, status and cmdline (for <c>top</c>), its
/// cgroup per controller, its network namespace's interface counters, the host's CPU time and
/// boot time (for <c>stats</c>). A process that is gone reads as null, never as an error.
/// </summary>
public sealed class ProcFs(string root = "/proc")
{
    /// <summary>Linux's USER_HZ: clock ticks per second as /proc reports them (fixed at 100 on every architecture berth runs on).</summary>
    public const int TicksPerSecond = 100;
    private const long PageSize = 4096;

    public ProcessSample? Process(int pid)
    {
        var stat = Read(pid, "stat");
        var status = Read(pid, "status");
        if (stat is null || status is null) return null;
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var f = stat[(close + 2)..].Split(' ');
        if (f.Length < 22) return null;
        long L(int field) => long.TryParse(f[field - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var uid = status.Split('\n').FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } line
            && uint.TryParse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1), out var u) ? u : 0;
        var args = (Read(pid, "cmdline") ?? "").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        return new ProcessSample(pid, (int)L(4), uid, f[0].Length > 0 ? f[0][0] : '?', (int)L(7), L(22), L(14) + L(15),
            L(24) * PageSize, L(23), stat[(open + 1)..close], args);
    }

    /// <summary>The process's cgroup path per controller ("memory" → "/berth/&lt;id&gt;"; cgroup v2's is keyed "").</summary>
    public IReadOnlyDictionary<string, string> Cgroups(int pid)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (Read(pid, "cgroup") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length < 3) continue;
            foreach (var controller in parts[1].Split(',')) map[controller] = parts[2];
        }
        return map;
    }

    /// <summary>The interface counters of the process's network namespace (/proc/&lt;pid&gt;/net/dev), loopback left out.</summary>
    public IReadOnlyList<InterfaceCounters> NetDev(int pid)
    {
        var list = new List<InterfaceCounters>();
        foreach (var line in (Read(pid, "net/dev") ?? "").Split('\n').Skip(2))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            if (name == "lo") continue;
            var v = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(x => ulong.TryParse(x, out var n) ? n : 0).ToArray();
            if (v.Length < 12) continue;
            list.Add(new InterfaceCounters(name, v[0], v[1], v[2], v[3], v[8], v[9], v[10], v[11]));
        }
        return list;
    }

    /// <summary>The host's total CPU time in nanoseconds (the first line of /proc/stat), Docker's system_cpu_usage.</summary>
    public ulong SystemCpuNanos()
    {
        var first = ReadFile("stat")?.Split('\n')[0] ?? "";
        if (!first.StartsWith("cpu ", StringComparison.Ordinal)) return 0;
        var ticks = first[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(7)
            .Aggregate(0UL, (sum, x) => sum + (ulong.TryParse(x, out var n) ? n : 0));
        return ticks * (1_000_000_000UL / TicksPerSecond);
    }

    /// <summary>When the host booted (btime of /proc/stat): process start ticks count from it.</summary>
    public DateTimeOffset BootTime()
    {
        var line = ReadFile("stat")?.Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[6..].Trim(), out var s) ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.UnixEpoch;
    }

    /// <summary>Seconds since boot (/proc/uptime).</summary>
    public double Uptime() =>
        double.TryParse(ReadFile("uptime")?.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;

    /// <summary>Total memory in bytes (MemTotal of /proc/meminfo).</summary>
    public long MemTotal()
    {
        var line = ReadFile("meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[9..].Trim().Split(' ')[0], out var kb) ? kb * 1024 : 0;
    }

    private string? Read(int pid, string file) => pid > 0 ? ReadFile(Path.Join(pid.ToString(CultureInfo.InvariantCulture), file)) : null;

    private string? ReadFile(string relative)
    {
        try { return File.ReadAllText(Path.Join(root, relative)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}

/// <summary>One interface's counters from /proc/net/dev, in Docker's stats naming.</summary>
public sealed record InterfaceCounters(string Name, ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped,
    ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);
