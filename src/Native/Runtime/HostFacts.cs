using System.Globalization;

namespace Berth.Native.Runtime;

/// <summary>
/// What the daemon's own process may hand on to a container, read once from /proc/self: its
/// capability bounding set, the hard limit of each rlimit and its oom_score_adj. A container can
/// never get more: without CAP_SYS_RESOURCE neither a hard limit above the daemon's nor an
/// oom_score_adj below it can be set, so berth refuses such requests up front.
/// </summary>
public sealed record HostFacts(IReadOnlyList<string> Capabilities, IReadOnlyDictionary<string, ulong> HardLimits, int OomScoreAdj)
{
    private static readonly Lazy<HostFacts> Lazy = new(() => Read("/proc/self"));

    /// <summary>The daemon's facts (this process).</summary>
    public static HostFacts Daemon => Lazy.Value;

    /// <summary>May a container's process lower its oom_score_adj or raise a hard limit? Only with CAP_SYS_RESOURCE.</summary>
    public bool HasSysResource => Capabilities.Contains("CAP_SYS_RESOURCE");

    public static HostFacts Read(string procSelf)
    {
        var status = File.ReadAllLines(Path.Combine(procSelf, "status"));
        var bounding = status.FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal))?[7..].Trim() ?? "0";
        var mask = ulong.Parse(bounding, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var caps = Runtime.Capabilities.Known.Where((_, bit) => (mask & (1UL << bit)) != 0).ToList();
        var oom = int.Parse(File.ReadAllText(Path.Combine(procSelf, "oom_score_adj")).Trim(), CultureInfo.InvariantCulture);
        return new HostFacts(caps, ParseLimits(File.ReadAllLines(Path.Combine(procSelf, "limits"))), oom);
    }

    /// <summary>The "Hard Limit" column of /proc/&lt;pid&gt;/limits by RLIMIT_ name (unlimited = ulong.MaxValue).</summary>
    public static IReadOnlyDictionary<string, ulong> ParseLimits(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var name = RlimitNames.ByProcLabel.Keys.FirstOrDefault(label => line.StartsWith(label, StringComparison.Ordinal));
            if (name is null) continue;
            var fields = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            result[RlimitNames.ByProcLabel[name]] = fields[1] == "unlimited" ? ulong.MaxValue : ulong.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        return result;
    }
}
