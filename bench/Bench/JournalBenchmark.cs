using System.Globalization;

namespace Berth.Bench;

/// <summary>
/// Runs the journal benchmarks and prints one table row per (scenario, setting). With <c>--repeat N</c>
/// the settings take turns N times over (so a noisy neighbour hurts them all alike); a figure is the
/// median of its runs, with their range.
/// </summary>
internal static class JournalBenchmark
{
    private const double WriteTarget = 5_000;
    private const double RecoveryTargetSeconds = 2;

    public static async Task<int> RunAsync(BenchArguments args)
    {
        using (var probe = new BenchJournal())
        {
            var (mode, synchronous) = probe.Durability();
            Console.WriteLine($"berth journal benchmark — SQLite journal_mode={mode}, synchronous={synchronous} (2 = FULL), " +
                $"{Environment.ProcessorCount} cores, load {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, runs per figure: {args.Repeat}");
        }
        var rows = new List<Action<ResultTable>>();
        if (args.Writes) rows.AddRange(await WritesAsync(args));
        if (args.Recovery) rows.AddRange(await RecoveryAsync(args));
        Console.WriteLine($"load at the end {LoadAverage()}");
        var table = new ResultTable();
        table.Header();
        foreach (var row in rows) row(table);
        return 0;
    }

    private static async Task<List<Action<ResultTable>>> WritesAsync(BenchArguments args)
    {
        var settings = JournalSettings.Writes.Where(args.Includes).ToList();
        var one = settings.ToDictionary(s => s, _ => new List<WriteBench.Result>());
        var many = settings.ToDictionary(s => s, _ => new List<WriteBench.Result>());
        for (var round = 0; round < args.Repeat; round++)
            foreach (var setting in settings)
            {
                one[setting].Add(await WriteBench.MeasureAsync(setting, 1, args.SequentialEvents));
                many[setting].Add(await WriteBench.MeasureAsync(setting, args.ConcurrentActors, args.ConcurrentEventsEach));
                Progress($"round {round + 1} {setting.Name}: {one[setting][^1]} / {many[setting][^1]} (load {LoadAverage()})");
            }
        var sequential = $"writes: 1 actor × {args.SequentialEvents}";
        var concurrent = $"writes: {args.ConcurrentActors} actors × {args.ConcurrentEventsEach}";
        return settings.SelectMany(s => new Action<ResultTable>[]
        {
            t => t.Row(sequential, s.Name, WriteFigure(one[s]), "", null),
            t => t.Row(concurrent, s.Name, WriteFigure(many[s]), "≥ 5,000 ev/s", ResultTable.Median(Rates(many[s])) >= WriteTarget),
        }).ToList();
    }

    private static async Task<List<Action<ResultTable>>> RecoveryAsync(BenchArguments args)
    {
        using var journal = new BenchJournal();
        await RecoveryBench.FillAsync(journal, args.RecoveryContainers);
        var expected = (long)args.RecoveryContainers;
        var settings = Enumerable.Range(0, JournalSettings.Recovery.Count).Where(i => args.Includes(JournalSettings.Recovery[i])).ToList();
        var cold = settings.ToDictionary(i => i, _ => new List<RecoveryBench.Result>());
        var warm = settings.ToDictionary(i => i, _ => new List<RecoveryBench.Result>());
        for (var round = 0; round < args.Repeat; round++)
            foreach (var i in settings)
            {
                var (first, again) = await RecoveryBench.RecoverInFreshProcessAsync(i, journal.DatabasePath, args.RecoveryContainers);
                if (first.Recovered != expected || again.Recovered != expected)
                    throw new InvalidOperationException($"recovered {first.Recovered}/{again.Recovered} containers, expected {expected}");
                cold[i].Add(first);
                warm[i].Add(again with { Cpu = again.Cpu - first.Cpu });
                Progress($"round {round + 1} {JournalSettings.Recovery[i].Name}: {first.Total.TotalSeconds:F2} s cold, {again.Total.TotalSeconds:F2} s warm (load {LoadAverage()})");
            }
        var scenario = $"recovery: {args.RecoveryContainers} × {RecoveryBench.FactsPerContainer}";
        return settings.SelectMany(i => new Action<ResultTable>[]
        {
            t => RecoveryRow(t, scenario + ", fresh process", JournalSettings.Recovery[i].Name, cold[i]),
            t => RecoveryRow(t, scenario + ", warm process", JournalSettings.Recovery[i].Name, warm[i]),
        }).ToList();
    }

    private static void RecoveryRow(ResultTable table, string scenario, string setting, List<RecoveryBench.Result> runs)
    {
        var seconds = runs.Select(r => r.Total.TotalSeconds).ToList();
        var figure = ResultTable.Figure(seconds, "s", "F2") + string.Create(CultureInfo.InvariantCulture,
            $" [1st {ResultTable.Median(runs.Select(r => r.UntilFirst.TotalSeconds).ToList()):F2}, cpu {ResultTable.Median(runs.Select(r => r.Cpu.TotalSeconds).ToList()):F2}]");
        table.Row(scenario, setting, figure, "< 2 s", ResultTable.Median(seconds) < RecoveryTargetSeconds);
    }

    private static List<double> Rates(List<WriteBench.Result> runs) => runs.Select(r => r.EventsPerSecond).ToList();

    private static string WriteFigure(List<WriteBench.Result> runs) =>
        ResultTable.Figure(Rates(runs), "ev/s", "N0") + string.Create(CultureInfo.InvariantCulture,
            $" [cpu {ResultTable.Median(runs.Select(r => r.CpuMicrosPerEvent).ToList()):N0} µs/ev]");

    private static void Progress(string line) => Console.Error.WriteLine(line);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
