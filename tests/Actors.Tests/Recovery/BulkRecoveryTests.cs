using Akka.Actor;
using Akka.Configuration;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;
using Berth.Journal.Sqlite;

namespace Berth.Actors.Tests.Recovery;

/// <summary>
/// The bulk read at daemon start hands each container its folded state; a container actor that fails
/// afterwards, or whose seed lacks facts its journal holds, rebuilds its state by its own replay.
/// </summary>
public sealed class BulkRecoveryTests : IClassFixture<JournalWarmup>
{
    private static readonly HostConfig Always = new() { RestartPolicy = new RestartPolicy("always") };

    [Fact]
    public async Task A_container_recovered_by_the_bulk_read_and_restarted_by_its_supervisor_replays_the_facts_since()
    {
        using var world = new TestWorld();
        string id;
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web", Always)).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
        }
        await using var daemon = await TestDaemon.StartAsync(world, bulkRead: true);
        Assert.Equal(ContainerStatus.Running, (await daemon.SettledAsync(id))!.Status);
        Assert.IsType<Done>(await daemon.AskAsync(id, new PauseContainer()));
        var paused = StateJson.Of((await daemon.SettledAsync(id))!);

        daemon.System.ActorSelection("/user/berth/containers/" + id).Tell(Kill.Instance);
        var after = await daemon.UntilAsync(id, s => StateJson.Of(s) == paused && s.Status == ContainerStatus.Paused);

        // Had the restarted actor taken the seed again, it would be Running (the seed's state) or have failed.
        Assert.Equal(paused, StateJson.Of(after));
        Assert.IsType<Done>(await daemon.AskAsync(id, new UnpauseContainer()));
        Assert.Equal(ContainerStatus.Running, (await daemon.SettledAsync(id))!.Status);
    }

    [Fact]
    public async Task A_container_whose_seed_lacks_facts_its_journal_holds_replays_its_journal_instead()
    {
        using var world = new TestWorld();
        string id;
        ContainerState before;
        await using (var first = await TestDaemon.StartAsync(world))
        {
            id = (await first.CreateAsync("web", Always)).Id;
            Assert.IsType<Done>(await first.AskAsync(id, new StartContainer()));
            before = (await first.SettledAsync(id))!;
        }
        var options = JournalOptions.For(world.JournalPath, BerthSerializer.TypeName);
        var system = SqliteJournalSetup.Start("stale-seed", options, ConfigurationFactory.ParseString("akka.loglevel = OFF"));
        try
        {
            var reports = new ReportSink();
            var stale = new RecoverySeed(ContainerState.Empty.Apply(new Journal.Events.Created(
                id, "web", "sha256:img", "busybox", new ContainerConfig(), new HostConfig(), before.CreatedAt)), 1);
            system.ActorOf(Props.Create(() => new Restarting(ContainerActor.Props(id, "web", world.Services, stale), reports)));

            var recovered = await reports.First.WaitAsync(TestDaemon.Timeout);

            Assert.Equal(StateJson.Of(before), StateJson.Of(recovered));
            Assert.Equal(1, reports.Failures);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>What the child under <see cref="Restarting"/> reported: its first state, and how often it failed.</summary>
    private sealed class ReportSink
    {
        private readonly TaskCompletionSource<ContainerState> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failures;

        public Task<ContainerState> First => _first.Task;
        public int Failures => Volatile.Read(ref _failures);
        public void State(ContainerState state) => _first.TrySetResult(state);
        public void Failed() => Interlocked.Increment(ref _failures);
    }

    /// <summary>A parent that restarts its one container actor on failure, as the containers actor does.</summary>
    private sealed class Restarting : ReceiveActor
    {
        private readonly ReportSink _reports;

        public Restarting(Props child, ReportSink reports)
        {
            _reports = reports;
            Context.ActorOf(child, "container");
            Receive<ContainerStateChanged>(m => reports.State(m.State));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(error =>
        {
            _reports.Failed();
            return error is StaleRecoverySeedException ? Directive.Restart : Directive.Stop;
        });
    }
}
