using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Restart;
using Berth.Actors.Tests.Fakes;
using Berth.Journal.Model;
using Berth.Journal.Serialization;
using Berth.Journal.Sqlite;

namespace Berth.Actors.Tests.Support;

/// <summary>
/// berth's actor tree on a real SQLite journal with fake OS boundaries. A test can stop it and
/// start another on the same journal file and the same fakes (whose "processes" survive), which is
/// what a daemon restart with live-restore looks like.
/// </summary>
public sealed class TestDaemon : IAsyncDisposable
{
    private TestDaemon(ActorSystem system, HostRefs host) { System = system; Host = host; }

    public ActorSystem System { get; }
    public HostRefs Host { get; }
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The system's scheduler when started with a virtual scheduler.</summary>
    public TestScheduler VirtualScheduler => (TestScheduler)System.Scheduler;

    /// <summary>Starts berth's tree as the daemon does (<see cref="SqliteJournalSetup"/>); with <paramref name="bulkRead"/>
    /// off, containers recover by their own replay instead of the bulk read at start.</summary>
    public static async Task<TestDaemon> StartAsync(TestWorld world, bool virtualScheduler = false, bool bulkRead = true)
    {
        var options = JournalOptions.For(world.JournalPath, BerthSerializer.TypeName);
        var config = ConfigurationFactory.ParseString($"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            {ContainersActor.BulkReadSetting} = {(bulkRead ? "on" : "off")}
            {(virtualScheduler ? "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"" : "")}
            """);
        var system = SqliteJournalSetup.Start("berth-test", options, config);
        var guardian = system.ActorOf(HostGuardianActor.Props(world.Services), "berth");
        var host = await guardian.Ask<HostRefs>(new HostGuardianActor.GetHost(), Timeout);
        return new TestDaemon(system, host);
    }

    public async Task<ContainerCreated> CreateAsync(string? name = null, HostConfig? hostConfig = null, ContainerConfig? config = null)
    {
        var reply = await Host.Registry.Ask<object>(new CreateContainer(name, "sha256:img", "busybox",
            config ?? new ContainerConfig { Cmd = ["sleep", "1000"] }, hostConfig ?? new HostConfig()), Timeout);
        return reply as ContainerCreated ?? throw new InvalidOperationException($"create refused: {reply}");
    }

    public Task<object> AskAsync(string reference, IContainerCommand command) =>
        Host.Registry.Ask<object>(new ContainerRequest(reference, command), Timeout);

    public async Task<ContainerState> InspectAsync(string reference)
    {
        var reply = await AskAsync(reference, new InspectContainer());
        return reply is ContainerDetails details ? details.State : throw new InvalidOperationException($"inspect refused: {reply}");
    }

    /// <summary>Polls inspect until the container reaches the status (or the timeout passes).</summary>
    public async Task<ContainerState> UntilAsync(string reference, Func<ContainerState, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var state = await InspectAsync(reference);
            if (condition(state)) return state;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"container {reference} stayed {state.Status}");
            await Task.Delay(10);
        }
    }

    public Task<ContainerState> UntilStatusAsync(string reference, ContainerStatus status) =>
        UntilAsync(reference, s => s.Status == status && !s.StartInProgress);

    /// <summary>
    /// Answers once the container (by id) is done with whatever sequence it is in — a start, the
    /// release after an exit, the restart policy's decision, a removal — and returns its state, or
    /// null when it no longer exists. A rename to its own name is stashed while the container is
    /// busy and changes nothing once it is ready, so its answer is a barrier. It does not see an exit
    /// the container has not been told of yet: wait for that first.
    /// </summary>
    public async Task<ContainerState?> SettledAsync(string id)
    {
        var before = await Host.Registry.Ask<object>(new ContainerRequest(id, new InspectContainer()), Timeout);
        if (before is not ContainerDetails details) return null;
        var barrier = await Host.Containers.Ask<object>(
            new ToContainer(id, id, new RenameContainer(details.State.Name)), Timeout);
        if (barrier is not Done) return null;
        return await Host.Registry.Ask<object>(new ContainerRequest(id, new InspectContainer()), Timeout) is ContainerDetails after
            ? after.State
            : null;
    }

    /// <summary>Every container the containers actor lists (all statuses).</summary>
    public async Task<IReadOnlyList<ContainerState>> ListAllAsync() =>
        (await Host.Containers.Ask<ContainerList>(new ListContainers(true), Timeout)).Containers;

    public async ValueTask DisposeAsync() => await System.Terminate();
}

/// <summary>What survives a daemon restart in a test: the journal file and the fake OS.</summary>
public sealed class TestWorld : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "berth-test-" + Guid.NewGuid().ToString("N"));

    public TestWorld(TimeProvider? clock = null, RestartBackoff? backoff = null, int snapshotEvery = 100)
    {
        Directory.CreateDirectory(_directory);
        Clock = clock ?? TimeProvider.System;
        Runtime.Clock = Clock;
        Services = new ContainerServices(Runtime, Network, Layers, Clock, backoff ?? RestartBackoff.Docker, "crun", snapshotEvery, Images);
    }

    public FakeTaskRuntime Runtime { get; } = new();
    public FakeNetworkSandboxes Network { get; } = new();
    public FakeRwLayers Layers { get; } = new();
    public FakeImageStore Images { get; } = new();
    public TimeProvider Clock { get; }
    public ContainerServices Services { get; }
    public string JournalPath => Path.Combine(_directory, "journal.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
