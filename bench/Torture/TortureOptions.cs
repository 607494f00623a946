using System.Globalization;

namespace Berth.Torture;

/// <summary>The command line: the two binaries under test, how many kill rounds, the random seed and the test image.</summary>
internal sealed record TortureOptions(string DaemonPath, string CliPath, int Rounds, int Seed, string ImageArchive, int BurstSize, string? Subnet, bool Verbose, int KillWindowMs)
{
    public const string Usage =
        "usage: Torture --berth-daemon PATH --berth PATH [--rounds N] [--seed S] [--image busybox-docker.tar] [--burst N] [--bip CIDR] [--kill-window MS] [--verbose]";

    public static TortureOptions? Parse(IReadOnlyList<string> args)
    {
        var verbose = args.Contains("--verbose");
        args = args.Where(a => a != "--verbose").ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            values[args[i]] = args[i + 1];
        }
        if (args.Count % 2 != 0 || !values.TryGetValue("--berth-daemon", out var daemon) || !values.TryGetValue("--berth", out var cli))
            return null;
        var seed = values.TryGetValue("--seed", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : Environment.TickCount & 0x7FFFFFFF;
        return new TortureOptions(
            Path.GetFullPath(daemon), Path.GetFullPath(cli),
            values.TryGetValue("--rounds", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 30,
            seed,
            Path.GetFullPath(values.GetValueOrDefault("--image", "artifacts/images/busybox-docker.tar")),
            values.TryGetValue("--burst", out var b) ? int.Parse(b, CultureInfo.InvariantCulture) : 12,
            // berth's bridge (berth0) takes one subnet per host: the CNI plugin refuses a second gateway address on it.
            values.GetValueOrDefault("--bip"),
            verbose,
            values.TryGetValue("--kill-window", out var w) ? int.Parse(w, CultureInfo.InvariantCulture) : 300);
    }
}
