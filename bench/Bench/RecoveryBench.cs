using System.Diagnostics;
using System.Globalization;
using Akka.Actor;

namespace Berth.Bench;

/// <summary>
/// Recovery at daemon start: a journal of N containers × M facts, a fresh actor system, and the time
/// from creating that system until every container actor has completed recovery.
/// </summary>
internal static class RecoveryBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Wall time from system start until all recovered, until the first recovered, facts replayed, and the process's CPU time.</summary>
    public sealed record Result(TimeSpan Total, TimeSpan UntilFirst, long Replayed, TimeSpan Cpu);

    /// <summary>Writes the journal to recover: each container's facts as one atomic write, 200 containers at a time.</summary>
    public static async Task FillAsync(BenchJournal journal, int containers, int eventsEach)
    {
        var system = journal.Start(JournalSetting.Baseline);
        try
        {
            foreach (var chunk in Enumerable.Range(0, containers).Chunk(200))
                await Task.WhenAll(chunk.Select(i => system.ActorOf(BenchContainerActor.Props($"r{i:D5}"))
                    .Ask<BenchContainerActor.Written>(new BenchContainerActor.WriteAtOnce(eventsEach), Patience)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    public static async Task<Result> RecoverAsync(JournalSetting setting, string databasePath, int containers)
    {
        var recovered = new Countdown(containers);
        var started = Stopwatch.GetTimestamp();
        var system = setting.CreateSystem(databasePath);
        try
        {
            for (var i = 0; i < containers; i++) system.ActorOf(BenchContainerActor.Props($"r{i:D5}", recovered));
            await recovered.Done.WaitAsync(Patience);
            return new Result(Stopwatch.GetElapsedTime(started), Stopwatch.GetElapsedTime(started, recovered.FirstAt), recovered.Total,
                Process.GetCurrentProcess().TotalProcessorTime);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Runs <see cref="RecoverAsync"/> in a fresh process, as a daemon start pays JIT and first-query costs,
    /// then once more in that process (warm).</summary>
    public static async Task<(Result Cold, Result Warm)> RecoverInFreshProcessAsync(int settingIndex, string databasePath, int containers)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "recover-once", databasePath, settingIndex.ToString(CultureInfo.InvariantCulture), containers.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        // Under `dotnet Berth.Bench.dll` the process is the dotnet host: name the assembly again.
        if (!Environment.ProcessPath!.EndsWith("Berth.Bench", StringComparison.Ordinal))
            start.ArgumentList.Insert(0, typeof(RecoveryBench).Assembly.Location);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"recover-once printed no result: {output}");
        var parts = line.Split(' ').Skip(1).Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        Result Parse(int at) => new(TimeSpan.FromMilliseconds(parts[at]), TimeSpan.FromMilliseconds(parts[at + 1]), (long)parts[at + 2],
            TimeSpan.FromMilliseconds(parts[at + 3]));
        return (Parse(0), Parse(4));
    }

    /// <summary>One line: cold then warm, each as total ms, ms until the first recovered, facts replayed, cumulative CPU ms.</summary>
    public static string Format(Result cold, Result warm) => string.Create(CultureInfo.InvariantCulture,
        $"RESULT {cold.Total.TotalMilliseconds:F1} {cold.UntilFirst.TotalMilliseconds:F1} {cold.Replayed} {cold.Cpu.TotalMilliseconds:F1} " +
        $"{warm.Total.TotalMilliseconds:F1} {warm.UntilFirst.TotalMilliseconds:F1} {warm.Replayed} {warm.Cpu.TotalMilliseconds:F1}");
}
