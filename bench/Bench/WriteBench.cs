using System.Diagnostics;
using Akka.Actor;

namespace Berth.Bench;

/// <summary>Durable write throughput: N container actors, each persisting its facts one after another.</summary>
internal static class WriteBench
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Events per second, and the process's CPU time per event, once the journal is warm (tables made,
    /// plugin and JIT warmed by a first write). CPU per event is the figure a busy machine distorts least.</summary>
    public sealed record Result(double EventsPerSecond, double CpuMicrosPerEvent);

    public static async Task<Result> MeasureAsync(JournalSetting setting, int actors, int eventsEach)
    {
        using var journal = new BenchJournal();
        var system = journal.Start(setting);
        try
        {
            var warmup = system.ActorOf(BenchContainerActor.Props("warmup"));
            await warmup.Ask<BenchContainerActor.Written>(new BenchContainerActor.Write(50), Patience);
            var writers = Enumerable.Range(0, actors).Select(i => system.ActorOf(BenchContainerActor.Props($"w{i:D4}"))).ToList();
            await Task.WhenAll(writers.Select(w => w.Ask<BenchContainerActor.Pong>(new BenchContainerActor.Ping(), Patience)));

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(writers.Select(w => w.Ask<BenchContainerActor.Written>(new BenchContainerActor.Write(eventsEach), Patience)));
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            journal.Verify(50L + (long)actors * eventsEach);
            var events = (double)actors * eventsEach;
            return new Result(events / clock.Elapsed.TotalSeconds, cpu.TotalMicroseconds / events);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
