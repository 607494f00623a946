using System.Globalization;
using Berth.Native.Proc;

namespace Berth.Actors.Inspection;

/// <summary>
/// Renders processes as procps <c>ps</c> does for the argument forms docker top users pass:
/// <c>-ef</c> (the default), <c>-e</c>, <c>-f</c>, <c>aux</c> and <c>-o</c>/<c>-eo</c> field lists.
/// Anything else is refused with a message rather than guessed at.
/// </summary>
public sealed class PsTable(DateTimeOffset now, DateTimeOffset boot, double uptime, long memTotal, IReadOnlyDictionary<uint, string> users)
{
    private static readonly string[] Full = ["uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd"];
    private static readonly string[] Short = ["pid", "tty", "time", "comm"];
    private static readonly string[] Bsd = ["user", "pid", "%cpu", "%mem", "vsz", "rss", "tty", "stat", "start", "bsdtime", "command"];

    /// <summary>The column keys <paramref name="psArgs"/> asks for; null when berth does not know that form.</summary>
    public static string[]? Columns(string psArgs)
    {
        var words = psArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return Full;
        if (words.Length == 2 && words[0] is "-o" or "-eo" or "-Ao" or "o" or "axo" or "-axo")
        {
            var keys = words[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => k.Split('=')[0].ToLowerInvariant()).ToArray();
            return keys.Length > 0 && keys.All(Title.ContainsKey) ? keys : null;
        }
        if (words.Length != 1) return null;
        return words[0] switch
        {
            "-ef" or "-fe" or "-f" or "-Af" or "-fA" or "-aef" => Full,
            "-e" or "-A" or "-a" => Short,
            "aux" or "-aux" or "au" or "ux" or "axu" or "uax" => Bsd,
            _ => null,
        };
    }

    public static IReadOnlyList<string> Titles(string[] columns) => columns.Select(c => Title[c]).ToList();

    public IReadOnlyList<string> Row(string[] columns, ProcessSample p) => columns.Select(c => Cell(c, p)).ToList();

    private static readonly Dictionary<string, string> Title = new()
    {
        ["uid"] = "UID", ["user"] = "USER", ["pid"] = "PID", ["ppid"] = "PPID", ["c"] = "C", ["stime"] = "STIME", ["start"] = "START",
        ["tty"] = "TTY", ["time"] = "TIME", ["bsdtime"] = "TIME", ["cmd"] = "CMD", ["args"] = "COMMAND", ["command"] = "COMMAND",
        ["comm"] = "CMD", ["%cpu"] = "%CPU", ["pcpu"] = "%CPU", ["%mem"] = "%MEM", ["pmem"] = "%MEM", ["vsz"] = "VSZ", ["rss"] = "RSS",
        ["stat"] = "STAT", ["s"] = "S", ["etime"] = "ELAPSED",
    };

    private string Cell(string column, ProcessSample p) => column switch
    {
        "uid" or "user" => users.TryGetValue(p.Uid, out var name) ? name : p.Uid.ToString(CultureInfo.InvariantCulture),
        "pid" => p.Pid.ToString(CultureInfo.InvariantCulture),
        "ppid" => p.ParentPid.ToString(CultureInfo.InvariantCulture),
        "c" => ((int)Math.Min(99, CpuPercent(p))).ToString(CultureInfo.InvariantCulture),
        "%cpu" or "pcpu" => CpuPercent(p).ToString("0.0", CultureInfo.InvariantCulture),
        "%mem" or "pmem" => (memTotal > 0 ? p.RssBytes * 100.0 / memTotal : 0).ToString("0.0", CultureInfo.InvariantCulture),
        "vsz" => (p.VirtualBytes / 1024).ToString(CultureInfo.InvariantCulture),
        "rss" => (p.RssBytes / 1024).ToString(CultureInfo.InvariantCulture),
        "stime" or "start" => StartTime(p),
        "tty" => p.TtyNr == 0 ? "?" : (p.TtyNr >> 8) == 136 ? $"pts/{(p.TtyNr & 0xFF) | ((p.TtyNr >> 12) & 0xFFF00)}" : "tty" + (p.TtyNr & 0xFF),
        "time" => CpuTime(p.CpuTicks / ProcFs.TicksPerSecond, withHours: true),
        "bsdtime" => CpuTime(p.CpuTicks / ProcFs.TicksPerSecond, withHours: false),
        "etime" => CpuTime((long)Elapsed(p), withHours: true),
        "cmd" or "args" or "command" => p.Args.Count > 0 ? string.Join(' ', p.Args) : $"[{p.Comm}]",
        "comm" => p.Comm,
        "stat" or "s" => p.State.ToString(),
        _ => "",
    };

    private double Elapsed(ProcessSample p) => Math.Max(0, uptime - (double)p.StartTicks / ProcFs.TicksPerSecond);

    private double CpuPercent(ProcessSample p)
    {
        var elapsed = Elapsed(p);
        return elapsed <= 0 ? 0 : p.CpuTicks / (double)ProcFs.TicksPerSecond * 100 / elapsed;
    }

    private string StartTime(ProcessSample p)
    {
        var started = boot.AddSeconds((double)p.StartTicks / ProcFs.TicksPerSecond).ToLocalTime();
        return started.Date == now.ToLocalTime().Date
            ? started.ToString("HH:mm", CultureInfo.InvariantCulture)
            : started.ToString("MMMdd", CultureInfo.InvariantCulture);
    }

    private static string CpuTime(long seconds, bool withHours)
    {
        var t = TimeSpan.FromSeconds(seconds);
        if (!withHours) return $"{(int)t.TotalMinutes}:{t.Seconds:00}";
        return t.Days > 0 ? $"{t.Days}-{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}";
    }
}
