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

    public static async Task<TestDaemon> StartAsync(TestWorld world, bool virtualScheduler = false)
    {
        var options = JournalOptions.For(world.JournalPath, BerthSerializer.TypeName);
        SqliteJournalFile.Prepare(options);
        var config = ConfigurationFactory.ParseString($"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            {(virtualScheduler ? "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"" : "")}
            """).WithFallback(SqliteJournalConfig.Build(options));
        var system = ActorSystem.Create("berth-test", config);
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
        Services = new ContainerServices(Runtime, Network, Layers, Clock, backoff ?? RestartBackoff.Docker, "crun", snapshotEvery);
    }

    public FakeTaskRuntime Runtime { get; } = new();
    public FakeNetworkSandboxes Network { get; } = new();
    public FakeRwLayers Layers { get; } = new();
    public TimeProvider Clock { get; }
    public ContainerServices Services { get; }
    public string JournalPath => Path.Combine(_directory, "journal.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
