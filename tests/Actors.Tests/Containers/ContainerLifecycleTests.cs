using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Support;
using Berth.Native;

namespace Berth.Actors.Tests.Containers;

/// <summary>
/// A container's life through the actor tree, on a real SQLite journal with fake OS boundaries: what
/// a Docker user sees (replies, inspect) and what the fakes show was acquired and released.
/// </summary>
public sealed partial class ContainerLifecycleTests : IClassFixture<JournalWarmup>, IDisposable
{
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Start_allocates_the_network_mounts_the_rootfs_writes_the_bundle_and_runs_the_task()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var created = await daemon.CreateAsync("web");

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Done(created.Id), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Running, state.Status);
        Assert.False(state.StartInProgress);
        Assert.True(state.HoldsNetwork && state.HoldsRootfs && state.HoldsTask);
        Assert.Equal($"/run/fake/netns/{created.Id}", state.Network?.SandboxKey);
        Assert.Equal($"/var/lib/fake/{created.Id}/merged", state.RootfsPath);
        Assert.Equal($"/run/fake/{created.Id}", state.Bundle?.BundlePath);
        Assert.NotNull(state.StartedAt);
        Assert.True(_world.Network.Allocated.ContainsKey(created.Id));
        Assert.True(_world.Layers.Mounted.ContainsKey(created.Id));
        Assert.True(_world.Runtime.Bundles.ContainsKey(created.Id));
        Assert.True(_world.Runtime.IsRunning(created.Id));
    }

    [Fact]
    public async Task Stop_answers_after_the_exit_with_143_and_everything_released()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new StopContainer());

        Assert.Equal(new Done(id), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(143, state.ExitCode);
        Assert.NotNull(state.FinishedAt);
        AssertReleased(state);
        Assert.Equal(new[] { (id, Signals.SIGTERM) }, _world.Runtime.Signals);
        Assert.True(_world.Layers.Layers.ContainsKey(id), "the RW layer stays until rm");
    }

    [Fact]
    public async Task Stop_with_no_grace_on_a_task_that_ignores_SIGTERM_ends_it_with_SIGKILL_and_137()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");
        _world.Runtime.IgnoreSignals.Add(Signals.SIGTERM);

        var reply = await daemon.AskAsync("web", new StopContainer(TimeoutSeconds: 0));

        Assert.Equal(new Done(id), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(137, state.ExitCode);
        Assert.Equal(new[] { (id, Signals.SIGTERM), (id, Signals.SIGKILL) }, _world.Runtime.Signals);
        AssertReleased(state);
    }

    [Fact]
    public async Task Kill_with_USR1_reaches_the_task_and_the_container_keeps_running()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");
        _world.Runtime.IgnoreSignals.Add(10);

        var reply = await daemon.AskAsync("web", new KillContainer("USR1"));

        Assert.Equal(new Done(id), reply);
        Assert.Contains((id, 10), _world.Runtime.Signals);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Running, state.Status);
        Assert.True(_world.Runtime.IsRunning(id));
    }

    [Fact]
    public async Task Kill_answers_only_once_the_exit_is_journaled()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new KillContainer());

        Assert.Equal(new Done(id), reply);
        var state = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(137, state.ExitCode);
        Assert.Equal(new[] { (id, Signals.SIGKILL) }, _world.Runtime.Signals);
    }

    [Fact]
    public async Task Kill_with_an_unknown_signal_is_an_invalid_parameter()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new KillContainer("FOO"));

        Assert.Equal(new Rejected(ErrorKind.InvalidParameter, "invalid signal: FOO"), reply);
        Assert.Empty(_world.Runtime.Signals);
        Assert.Equal(ContainerStatus.Running, (await daemon.InspectAsync("web")).Status);
    }

    [Fact]
    public async Task Pause_freezes_the_container_and_unpause_thaws_it()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        var paused = await daemon.AskAsync("web", new PauseContainer());
        var whilePaused = await daemon.InspectAsync("web");
        var unpaused = await daemon.AskAsync("web", new UnpauseContainer());

        Assert.Equal(new Done(id), paused);
        Assert.Equal(ContainerStatus.Paused, whilePaused.Status);
        Assert.Equal(new Done(id), unpaused);
        Assert.Equal(ContainerStatus.Running, (await daemon.InspectAsync("web")).Status);
        Assert.False(_world.Runtime.IsPaused(id));
    }

    [Fact]
    public async Task Start_when_running_is_not_modified()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon, "web");

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Rejected(ErrorKind.NotModified, "container already started"), reply);
        Assert.Equal(1, _world.Runtime.StartCount);
    }

    [Fact]
    public async Task Start_when_paused_is_rejected_with_conflict()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        await RunningAsync(daemon, "web");
        await daemon.AskAsync("web", new PauseContainer());

        var reply = await daemon.AskAsync("web", new StartContainer());

        Assert.Equal(new Rejected(ErrorKind.Conflict, "cannot start a paused container, try unpause instead"), reply);
        Assert.Equal(ContainerStatus.Paused, (await daemon.InspectAsync("web")).Status);
    }

    [Fact]
    public async Task Kill_when_exited_is_rejected_with_conflict()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");
        await daemon.AskAsync("web", new StopContainer());

        var reply = await daemon.AskAsync("web", new KillContainer());

        Assert.Equal(new Rejected(ErrorKind.Conflict, $"container {id} is not running"), reply);
    }

    [Fact]
    public async Task A_process_that_exits_by_itself_leaves_the_container_exited_with_its_code_and_nothing_held()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        _world.Runtime.ExitTask(id, 3);

        var state = await daemon.UntilAsync("web", s => s.Status == ContainerStatus.Exited && !s.HoldsAnything);
        Assert.Equal(3, state.ExitCode);
        Assert.False(state.OomKilled);
        AssertReleased(state);
    }

    [Fact]
    public async Task An_oom_kill_is_reported_in_the_state()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");

        _world.Runtime.ExitTask(id, 137, oom: true);

        var state = await daemon.UntilStatusAsync("web", ContainerStatus.Exited);
        Assert.Equal(137, state.ExitCode);
        Assert.True(state.OomKilled);
    }

    [Fact]
    public async Task Restart_of_a_running_container_runs_a_new_process()
    {
        await using var daemon = await TestDaemon.StartAsync(_world);
        var id = await RunningAsync(daemon, "web");
        var before = await daemon.InspectAsync("web");

        var reply = await daemon.AskAsync("web", new RestartContainer());

        Assert.Equal(new Done(id), reply);
        var after = await daemon.InspectAsync("web");
        Assert.Equal(ContainerStatus.Running, after.Status);
        Assert.NotEqual(before.Task!.Pid, after.Task!.Pid);
        Assert.Equal(2, _world.Runtime.StartCount);
        Assert.True(_world.Runtime.IsRunning(id));
    }

    private static async Task<string> RunningAsync(TestDaemon daemon, string name)
    {
        var created = await daemon.CreateAsync(name);
        var started = await daemon.AskAsync(name, new StartContainer());
        Assert.Equal(new Done(created.Id), started);
        return created.Id;
    }

    /// <summary>Nothing of the run is held: not by the state, not in the fake OS.</summary>
    private void AssertReleased(ContainerState state)
    {
        Assert.False(state.HoldsAnything);
        Assert.Null(state.Network);
        Assert.Null(state.RootfsPath);
        Assert.Null(state.Bundle);
        Assert.Null(state.Task);
        Assert.Empty(_world.Network.Allocated);
        Assert.Empty(_world.Layers.Mounted);
        Assert.Empty(_world.Runtime.Bundles);
    }
}
