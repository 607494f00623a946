namespace Berth.Torture;

/// <summary>
/// What the host really holds for the torture daemon: mounts under its roots, netns files, conmon
/// processes naming its bundles, cgroup directories under berth's parent, veths on berth's bridge.
/// Everything is read from /proc and /sys, never from the daemon.
/// </summary>
internal sealed class HostScan(TortureRoots roots)
{
    public const string CgroupParent = "berth";
    public const string Bridge = "berth0";
    private const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>Mount points at or under the torture root, deepest first (the order to unmount them in).</summary>
    public IReadOnlyList<string> MountsUnderRoot()
    {
        var points = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5) continue;
            var point = Unescape(fields[4]);
            if (point == roots.Root || point.StartsWith(roots.Root + "/", StringComparison.Ordinal)) points.Add(point);
        }
        return points.OrderByDescending(p => p.Length).ToList();
    }

    /// <summary>Container ids with an overlay mounted at &lt;data&gt;/overlay/&lt;id&gt;/merged.</summary>
    public IReadOnlyList<string> OverlayMountIds() => MountsUnderRoot()
        .Where(p => p.StartsWith(roots.OverlayRoot + "/", StringComparison.Ordinal) && p.EndsWith("/merged", StringComparison.Ordinal))
        .Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).ToList();

    public IReadOnlyList<string> NetnsFiles() => Names(roots.NetnsDir);

    public IReadOnlyList<string> BundleDirs() => Directory.Exists(roots.BundleRoot)
        ? Directory.GetDirectories(roots.BundleRoot).Select(d => Path.GetFileName(d)).ToList()
        : [];

    /// <summary>(pid, container id) of every conmon whose bundle (-b) is under this run's exec root.</summary>
    public IReadOnlyList<(int Pid, string Id)> Conmons()
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (argv.Length == 0 || Path.GetFileName(argv[0]) != "conmon") continue;
            var bundle = Option(argv, "-b");
            var id = Option(argv, "-c");
            if (bundle is not null && id is not null && bundle.StartsWith(roots.ExecRoot + "/", StringComparison.Ordinal)) found.Add((pid, id));
        }
        return found;
    }

    /// <summary>Every cgroup directory &lt;hierarchy&gt;/berth/&lt;id&gt; for one of the given ids (v1: one per controller).</summary>
    public IReadOnlyList<string> CgroupDirs(IEnumerable<string> ids)
    {
        var hierarchies = new[] { CgroupRoot }.Concat(Directory.GetDirectories(CgroupRoot));
        return (from h in hierarchies
                from id in ids
                let dir = Path.Combine(h, CgroupParent, id)
                where Directory.Exists(dir)
                select dir).ToList();
    }

    /// <summary>Pids in the container's cgroup (pids controller on v1, the unified one on v2).</summary>
    public IReadOnlyList<int> CgroupPids(string id)
    {
        var v1 = Path.Combine(CgroupRoot, "pids", CgroupParent, id, "cgroup.procs");
        var v2 = Path.Combine(CgroupRoot, CgroupParent, id, "cgroup.procs");
        var file = Directory.Exists(Path.Combine(CgroupRoot, "pids")) ? v1 : v2;
        try
        {
            return File.ReadAllLines(file).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>"FROZEN", "THAWED", "FREEZING", or null when the container has no freezer cgroup.</summary>
    public string? FreezerState(string id)
    {
        var v1 = Path.Combine(CgroupRoot, "freezer", CgroupParent, id, "freezer.state");
        if (Directory.Exists(Path.Combine(CgroupRoot, "freezer")))
            return File.Exists(v1) ? File.ReadAllText(v1).Trim() : null;
        var events = Path.Combine(CgroupRoot, CgroupParent, id, "cgroup.events");
        if (!File.Exists(events)) return null;
        return File.ReadLines(events).Contains("frozen 1") ? "FROZEN" : "THAWED";
    }

    /// <summary>Thaws the container's freezer cgroup, if it has one (v1 freezer.state, v2 cgroup.freeze).</summary>
    public void Thaw(string id)
    {
        var v1 = Path.Combine(CgroupRoot, "freezer", CgroupParent, id, "freezer.state");
        var v2 = Path.Combine(CgroupRoot, CgroupParent, id, "cgroup.freeze");
        try
        {
            if (File.Exists(v1)) File.WriteAllText(v1, "THAWED");
            else if (File.Exists(v2)) File.WriteAllText(v2, "0");
        }
        catch (IOException)
        {
            // Gone meanwhile.
        }
    }

    /// <summary>Interfaces enslaved to berth's bridge (the host ends of containers' veths).</summary>
    public static IReadOnlyList<string> BridgePorts() => Names($"/sys/class/net/{Bridge}/brif");

    /// <summary>Alive and not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IReadOnlyList<string> Names(string dir) => Directory.Exists(dir)
        ? Directory.GetFileSystemEntries(dir).Select(e => Path.GetFileName(e)).ToList()
        : [];

    private static string? Option(string[] argv, string name)
    {
        var at = Array.IndexOf(argv, name);
        return at >= 0 && at + 1 < argv.Length ? argv[at + 1] : null;
    }

    private static string Unescape(string field) => field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
