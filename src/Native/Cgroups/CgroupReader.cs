using System.Globalization;

namespace Berth.Native.Cgroups;

/// <summary>
/// Reads a container's cgroups given its path per controller (from /proc/&lt;pid&gt;/cgroup):
/// cgroup v1 (memory, cpuacct, cpu, pids, blkio — each its own hierarchy) or, when the host is
/// unified, cgroup v2's files. Missing files read as zero: a controller the host lacks is no error.
/// </summary>
public sealed class CgroupReader(string root = "/sys/fs/cgroup")
{
    private const ulong NoLimitV1 = 0x7FFFFFFFFFFFF000;
    private const int UserHz = 100;

    public bool IsV2 => !Directory.Exists(Path.Join(root, "memory")) && File.Exists(Path.Join(root, "cgroup.controllers"));

    /// <summary>The pids in the container's cgroup (its pids, else memory controller; v2 the unified one).</summary>
    public IReadOnlyList<int> Pids(IReadOnlyDictionary<string, string> paths)
    {
        var dir = IsV2 ? Dir("", paths, v2: true) : Dir("pids", paths) ?? Dir("memory", paths);
        if (dir is null) return [];
        return Lines(Path.Join(dir, "cgroup.procs")).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0).Order().ToList();
    }

    public CgroupSample Read(IReadOnlyDictionary<string, string> paths) => IsV2 ? ReadV2(paths) : ReadV1(paths);

    private CgroupSample ReadV1(IReadOnlyDictionary<string, string> paths)
    {
        var cpuacct = Dir("cpuacct", paths);
        var cpu = Dir("cpu", paths);
        var memory = Dir("memory", paths);
        var pids = Dir("pids", paths);
        var blkio = Dir("blkio", paths);
        var acctStat = KeyValues(cpuacct, "cpuacct.stat");
        var throttling = KeyValues(cpu, "cpu.stat");
        var perCpu = (Text(cpuacct, "cpuacct.usage_percpu") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(x => ulong.TryParse(x, out var v) ? v : 0).ToList();
        var limit = Number(memory, "memory.limit_in_bytes");
        var ioBytes = Blkio(blkio, "blkio.io_service_bytes_recursive");
        if (ioBytes.Count == 0) ioBytes = Blkio(blkio, "blkio.throttle.io_service_bytes_recursive");
        var ioServiced = Blkio(blkio, "blkio.io_serviced_recursive");
        if (ioServiced.Count == 0) ioServiced = Blkio(blkio, "blkio.throttle.io_serviced_recursive");
        return new CgroupSample(
            Number(cpuacct, "cpuacct.usage"), perCpu,
            acctStat.GetValueOrDefault("system") * (1_000_000_000UL / UserHz), acctStat.GetValueOrDefault("user") * (1_000_000_000UL / UserHz),
            throttling.GetValueOrDefault("nr_periods"), throttling.GetValueOrDefault("nr_throttled"), throttling.GetValueOrDefault("throttled_time"),
            Number(memory, "memory.usage_in_bytes"), Number(memory, "memory.max_usage_in_bytes"), limit >= NoLimitV1 ? 0 : limit,
            Number(memory, "memory.failcnt"), KeyValues(memory, "memory.stat"),
            Number(pids, "pids.current"), Number(pids, "pids.max"), ioBytes, ioServiced);
    }

    private CgroupSample ReadV2(IReadOnlyDictionary<string, string> paths)
    {
        var dir = Dir("", paths, v2: true);
        var cpu = KeyValues(dir, "cpu.stat");
        var io = new List<BlkioEntry>();
        var ops = new List<BlkioEntry>();
        foreach (var line in Lines(dir is null ? null : Path.Join(dir, "io.stat")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dev = parts[0].Split(':');
            if (dev.Length != 2 || !ulong.TryParse(dev[0], out var major) || !ulong.TryParse(dev[1], out var minor)) continue;
            var kv = parts.Skip(1).Select(p => p.Split('=')).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => ulong.TryParse(p[1], out var v) ? v : 0);
            io.Add(new BlkioEntry(major, minor, "read", kv.GetValueOrDefault("rbytes")));
            io.Add(new BlkioEntry(major, minor, "write", kv.GetValueOrDefault("wbytes")));
            ops.Add(new BlkioEntry(major, minor, "read", kv.GetValueOrDefault("rios")));
            ops.Add(new BlkioEntry(major, minor, "write", kv.GetValueOrDefault("wios")));
        }
        return new CgroupSample(
            cpu.GetValueOrDefault("usage_usec") * 1000, [], cpu.GetValueOrDefault("system_usec") * 1000, cpu.GetValueOrDefault("user_usec") * 1000,
            cpu.GetValueOrDefault("nr_periods"), cpu.GetValueOrDefault("nr_throttled"), cpu.GetValueOrDefault("throttled_usec") * 1000,
            Number(dir, "memory.current"), Number(dir, "memory.peak"), Number(dir, "memory.max"), 0, KeyValues(dir, "memory.stat"),
            Number(dir, "pids.current"), Number(dir, "pids.max"), io, ops);
    }

    private string? Dir(string controller, IReadOnlyDictionary<string, string> paths, bool v2 = false)
    {
        if (!paths.TryGetValue(controller, out var relative)) return null;
        // A path from /proc/<pid>/cgroup is untrusted text: keep it under the hierarchy.
        if (relative.Split('/').Contains("..")) return null;
        var dir = v2 ? Path.Join(root, relative) : Path.Join(root, controller, relative);
        return Directory.Exists(dir) ? dir : null;
    }

    private static ulong Number(string? dir, string file) =>
        ulong.TryParse(Text(dir, file)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static Dictionary<string, ulong> KeyValues(string? dir, string file)
    {
        var map = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in Lines(dir is null ? null : Path.Join(dir, file)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && ulong.TryParse(parts[1], out var v)) map[parts[0]] = v;
        }
        return map;
    }

    private static List<BlkioEntry> Blkio(string? dir, string file)
    {
        var list = new List<BlkioEntry>();
        foreach (var line in Lines(dir is null ? null : Path.Join(dir, file)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) continue;
            var dev = parts[0].Split(':');
            if (dev.Length == 2 && ulong.TryParse(dev[0], out var major) && ulong.TryParse(dev[1], out var minor) && ulong.TryParse(parts[2], out var v))
                list.Add(new BlkioEntry(major, minor, parts[1], v));
        }
        return list;
    }

    private static string? Text(string? dir, string file)
    {
        if (dir is null) return null;
        try { return File.ReadAllText(Path.Join(dir, file)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static IEnumerable<string> Lines(string? path)
    {
        if (path is null) return [];
        try { return File.ReadAllLines(path).Where(l => l.Length > 0).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
