using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Hosting;
using Berth.Actors.Registry;
using Berth.Actors.Restart;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Bench;

/// <summary>
/// Recovery at daemon start, through the product: a journal of N containers (registry reservations plus
/// each container's whole run: created, started, exited, released), berth's actor tree started on it by
/// <see cref="ActorHost"/>, and the time from that start until the containers actor lists all N
/// (each container actor has recovered and reconciled: these hold nothing, so no OS call is made).
/// </summary>
internal static class RecoveryBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Wall time from start until all listed, until the first listed, containers listed, and the process's CPU time.</summary>
    public sealed record Result(TimeSpan Total, TimeSpan UntilFirst, long Recovered, TimeSpan Cpu);

    /// <summary>Each container's run: ten facts, the last leaving it exited with policy "no" and holding nothing.</summary>
    public const int FactsPerContainer = 10;

    /// <summary>Writes the journal to recover: the registry's reservations, then each container's facts as one atomic write.</summary>
    public static async Task FillAsync(BenchJournal journal, int containers)
    {
        var system = journal.Start(JournalSetting.AsConfigured);
        try
        {
            var t0 = DateTimeOffset.UtcNow;
            var ids = Enumerable.Range(0, containers).Select(i => i.ToString("x64", CultureInfo.InvariantCulture)).ToList();
            // The registry snapshots its state every 100 facts, as the daemon's does: its recovery is one snapshot.
            var reservations = ids.Select((id, i) => new NameReserved(id, $"c{i}", t0)).ToList();
            var registry = reservations.Aggregate(RegistryState.Empty, (state, fact) => state.Apply(fact));
            await system.ActorOf(FactWriter.Props("registry")).Ask<FactWriter.Written>(
                new FactWriter.Facts(reservations.Cast<IJournaled>().ToList(), registry), Patience);
            foreach (var chunk in reservations.Chunk(200))
                await Task.WhenAll(chunk.Select(r => system.ActorOf(FactWriter.Props("container-" + r.Id))
                    .Ask<FactWriter.Written>(new FactWriter.Facts(Run(r.Id, r.Name, t0)), Patience)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static List<IJournaled> Run(string id, string name, DateTimeOffset t0) =>
    [
        new Created(id, name, "sha256:" + new string('b', 64), "busybox",
            new ContainerConfig { Image = "busybox", Cmd = ["sleep", "1000"] }, new HostConfig(), t0),
        new StartRequested(false, t0.AddMilliseconds(1)),
        new NetworkAllocated($"/run/berth/netns/{id[..12]}", [new NetworkEndpoint("bridge", "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02")],
            [], $"/var/lib/berth/containers/{id}/hosts", $"/var/lib/berth/containers/{id}/resolv.conf", $"/var/lib/berth/containers/{id}/hostname",
            t0.AddMilliseconds(2)),
        new RootfsMounted($"/var/lib/berth/overlay/{id}/merged", t0.AddMilliseconds(3)),
        new SpecBuilt($"/run/berth/containers/{id}", "sha256:" + new string('c', 64), t0.AddMilliseconds(4)),
        new TaskStarted(1000, 2000, 999, t0.AddMilliseconds(5)),
        new Exited(0, false, false, t0.AddSeconds(1)),
        new TaskDeleted(t0.AddSeconds(1.1)),
        new RootfsUnmounted(t0.AddSeconds(1.2)),
        new NetworkReleased(t0.AddSeconds(1.3)),
    ];

    public static async Task<Result> RecoverAsync(JournalSetting setting, string databasePath, int containers)
    {
        var roots = Directory.CreateTempSubdirectory("berth-bench-roots-");
        try
        {
            var services = NativeServices.Create(
                new HostPaths(Path.Combine(roots.FullName, "data"), Path.Combine(roots.FullName, "exec"), "crun"),
                TimeProvider.System, RestartBackoff.Docker, snapshotEvery: 100).Services;
            var started = Stopwatch.GetTimestamp();
            await using var host = await ActorHost.StartAsync(databasePath, services, setting.Config());
            var (listed, first) = await UntilListedAsync(host, containers, started);
            return new Result(Stopwatch.GetElapsedTime(started), first, listed, Process.GetCurrentProcess().TotalProcessorTime);
        }
        finally
        {
            roots.Delete(recursive: true);
        }
    }

    private static async Task<(int Listed, TimeSpan First)> UntilListedAsync(RunningHost host, int containers, long started)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        TimeSpan? first = null;
        while (true)
        {
            var listed = (await host.Refs.Containers.Ask<ContainerList>(new ListContainers(true), Patience)).Containers.Count;
            if (listed > 0) first ??= Stopwatch.GetElapsedTime(started);
            if (listed >= containers) return (listed, first!.Value);
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"only {listed} of {containers} containers recovered");
            await Task.Delay(5);
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

    /// <summary>One line: cold then warm, each as total ms, ms until the first listed, containers listed, cumulative CPU ms.</summary>
    public static string Format(Result cold, Result warm) => string.Create(CultureInfo.InvariantCulture,
        $"RESULT {cold.Total.TotalMilliseconds:F1} {cold.UntilFirst.TotalMilliseconds:F1} {cold.Recovered} {cold.Cpu.TotalMilliseconds:F1} " +
        $"{warm.Total.TotalMilliseconds:F1} {warm.UntilFirst.TotalMilliseconds:F1} {warm.Recovered} {warm.Cpu.TotalMilliseconds:F1}");
}
