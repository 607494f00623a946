using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Restart;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Restart;

/// <summary>
/// Restart policies end to end on the actor tree, on Akka's virtual scheduler (restart timers fire
/// only when a test advances it) and a manual clock (run lengths are virtual), so no test waits for
/// a real backoff.
/// </summary>
public sealed class RestartPolicyTests : IClassFixture<JournalWarmup>
{
    private const int SIGUSR1 = 10;
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static HostConfig Policy(string text) => new()
    {
        RestartPolicy = RestartPolicy.TryParse(text, out var policy) ? policy : throw new ArgumentException(text),
    };

    private static async Task<string> StartedAsync(TestDaemon daemon, string name, string policy, ContainerConfig? config = null)
    {
        var id = (await daemon.CreateAsync(name, Policy(policy), config)).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));
        return id;
    }

    private static Task<ContainerState> RestartingAsync(TestDaemon daemon, string id) =>
        daemon.UntilAsync(id, s => s.Status == ContainerStatus.Restarting);

    private static Task<ContainerState> RunningAsync(TestDaemon daemon, string id) =>
        daemon.UntilStatusAsync(id, ContainerStatus.Running);

    private static async Task<ContainerState> SettledAsync(TestDaemon daemon, string id) =>
        await daemon.SettledAsync(id) ?? throw new InvalidOperationException($"container {id} is gone");

    [Fact]
    public async Task On_failure_2_restarts_a_failing_container_exactly_twice_then_leaves_it_exited()
    {
        using var world = new TestWorld(new ManualClock());
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "flaky", "on-failure:2");

        for (var restart = 1; restart <= 2; restart++)
        {
            world.Runtime.ExitTask(id, 1);
            var waiting = await RestartingAsync(daemon, id);
            Assert.Equal(restart, waiting.RestartCount);
            daemon.VirtualScheduler.Advance(TimeSpan.FromMilliseconds(waiting.LastRestartDelayMs));
            await RunningAsync(daemon, id);
        }
        world.Runtime.ExitTask(id, 1);
        await daemon.UntilAsync(id, s => s.Status != ContainerStatus.Running);
        await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(10));
        var final = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Exited, final.Status);
        Assert.Equal(1, final.ExitCode);
        Assert.Equal(2, final.RestartCount);
        Assert.Null(final.RestartDueAt);
        Assert.Equal(3, world.Runtime.StartCount);
        Assert.False(final.HoldsAnything);
    }

    [Fact]
    public async Task Restart_delays_follow_the_backoff_100_ms_then_200_ms()
    {
        using var world = new TestWorld(new ManualClock());
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "flaky", "on-failure");

        world.Runtime.ExitTask(id, 1);
        var first = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(99 * Ms);
        var before100 = await SettledAsync(daemon, id);
        var startsBefore100 = world.Runtime.StartCount;
        daemon.VirtualScheduler.Advance(1 * Ms);
        await RunningAsync(daemon, id);
        var startsAt100 = world.Runtime.StartCount;

        world.Runtime.ExitTask(id, 1);
        var second = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(199 * Ms);
        var before200 = await SettledAsync(daemon, id);
        var startsBefore200 = world.Runtime.StartCount;
        daemon.VirtualScheduler.Advance(1 * Ms);
        await RunningAsync(daemon, id);

        Assert.Equal(100, first.LastRestartDelayMs);
        Assert.Equal(ContainerStatus.Restarting, before100.Status);
        Assert.Equal(1, startsBefore100);
        Assert.Equal(2, startsAt100);
        Assert.Equal(200, second.LastRestartDelayMs);
        Assert.Equal(ContainerStatus.Restarting, before200.Status);
        Assert.Equal(2, startsBefore200);
        Assert.Equal(3, world.Runtime.StartCount);
    }

    [Fact]
    public async Task A_run_of_ten_seconds_resets_the_restart_delay_to_100_ms()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "flaky", "always");
        world.Runtime.ExitTask(id, 1);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMilliseconds((await RestartingAsync(daemon, id)).LastRestartDelayMs));
        await RunningAsync(daemon, id);
        world.Runtime.ExitTask(id, 1);
        var doubled = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMilliseconds(doubled.LastRestartDelayMs));
        await RunningAsync(daemon, id);

        clock.Advance(TimeSpan.FromSeconds(10));
        world.Runtime.ExitTask(id, 1);
        var reset = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(99 * Ms);
        var before100 = await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(1 * Ms);
        await RunningAsync(daemon, id);

        Assert.Equal(200, doubled.LastRestartDelayMs);
        Assert.Equal(100, reset.LastRestartDelayMs);
        Assert.Equal(ContainerStatus.Restarting, before100.Status);
        Assert.Equal(4, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Always_restarts_a_container_that_exited_with_0()
    {
        using var world = new TestWorld(new ManualClock());
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "web", "always");
        var firstPid = (await daemon.InspectAsync(id)).Task!.Pid;

        world.Runtime.ExitTask(id, 0);
        var restarting = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(100 * Ms);
        var running = await RunningAsync(daemon, id);

        Assert.Equal(0, restarting.ExitCode);
        Assert.Equal(1, running.RestartCount);
        Assert.NotEqual(firstPid, running.Task!.Pid);
        Assert.Equal(2, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Docker_stop_of_an_always_container_does_not_restart_it()
    {
        using var world = new TestWorld(new ManualClock());
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "web", "always");

        Assert.IsType<Done>(await daemon.AskAsync(id, new StopContainer(1)));
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(2));
        var state = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(143, state.ExitCode);
        Assert.Null(state.RestartDueAt);
        Assert.Equal(0, state.RestartCount);
        Assert.Equal(1, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Unless_stopped_is_not_restarted_after_a_user_signal_once_it_exits_by_itself()
    {
        using var world = new TestWorld(new ManualClock());
        world.Runtime.IgnoreSignals.Add(SIGUSR1);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "worker", "unless-stopped", new ContainerConfig { Cmd = ["sleep", "1000"], StopSignal = "SIGTERM" });

        Assert.IsType<Done>(await daemon.AskAsync(id, new KillContainer("SIGUSR1")));
        var signalled = await SettledAsync(daemon, id);
        world.Runtime.ExitTask(id, 0);
        await daemon.UntilAsync(id, s => s.Status != ContainerStatus.Running);
        await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(2));
        var state = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Running, signalled.Status);
        Assert.True(signalled.ManuallyStopped);
        Assert.False(signalled.StopRequestedThisRun);
        Assert.Contains((id, SIGUSR1), world.Runtime.Signals);
        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(0, state.ExitCode);
        Assert.Equal(1, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Always_is_still_restarted_after_a_user_signal_that_did_not_end_the_run()
    {
        using var world = new TestWorld(new ManualClock());
        world.Runtime.IgnoreSignals.Add(SIGUSR1);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "worker", "always", new ContainerConfig { Cmd = ["sleep", "1000"], StopSignal = "SIGTERM" });

        Assert.IsType<Done>(await daemon.AskAsync(id, new KillContainer("SIGUSR1")));
        world.Runtime.ExitTask(id, 0);
        await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(100 * Ms);
        var state = await RunningAsync(daemon, id);

        Assert.Equal(1, state.RestartCount);
        Assert.Equal(2, world.Runtime.StartCount);
    }

    [Fact]
    public async Task Stop_while_restarting_cancels_the_restart()
    {
        using var world = new TestWorld(new ManualClock());
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "web", "always");
        world.Runtime.ExitTask(id, 1);
        await RestartingAsync(daemon, id);

        Assert.IsType<Done>(await daemon.AskAsync(id, new StopContainer()));
        var stopped = await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(2));
        var later = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Exited, stopped.Status);
        Assert.Null(stopped.RestartDueAt);
        Assert.Equal(ContainerStatus.Exited, later.Status);
        Assert.Equal(1, world.Runtime.StartCount);
    }

    [Fact]
    public async Task A_restart_policy_container_is_restarting_between_its_exit_and_its_restart()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await StartedAsync(daemon, "web", "on-failure");

        world.Runtime.ExitTask(id, 3);
        var restarting = await RestartingAsync(daemon, id);
        var listedAll = (await daemon.ListAllAsync()).Single(s => s.Id == id);
        var listedRunning = await daemon.Host.Containers.Ask<ContainerList>(new ListContainers(All: false), TestDaemon.Timeout);
        daemon.VirtualScheduler.Advance(100 * Ms);
        var restarted = await RunningAsync(daemon, id);

        Assert.Equal(ContainerStatus.Restarting, restarting.Status);
        Assert.Equal(3, restarting.ExitCode);
        Assert.False(restarting.IsRunning);
        Assert.False(restarting.HoldsAnything);
        Assert.Equal(clock.GetUtcNow().AddMilliseconds(100), restarting.RestartDueAt);
        Assert.Equal(ContainerStatus.Restarting, listedAll.Status);
        Assert.Contains(listedRunning.Containers, s => s.Id == id && s.Status == ContainerStatus.Restarting);
        Assert.Equal(ContainerStatus.Running, restarted.Status);
    }

    [Fact]
    public async Task A_pending_restart_keeps_its_due_time_across_a_daemon_restart()
    {
        var clock = new ManualClock();
        var slow = RestartBackoff.Docker with { Initial = TimeSpan.FromHours(1), Max = TimeSpan.FromHours(1) };
        using var world = new TestWorld(clock, slow);
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await StartedAsync(first, "web", "always");
            world.Runtime.ExitTask(id, 1);
            await RestartingAsync(first, id);
        }
        clock.Advance(TimeSpan.FromMinutes(30));

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(29));
        var before = await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(1));
        var after = await RunningAsync(daemon, id);

        Assert.Equal(ContainerStatus.Restarting, before.Status);
        Assert.Equal(1, after.RestartCount);
        Assert.Equal(2, world.Runtime.StartCount);
    }

    [Fact]
    public async Task A_restart_that_came_due_while_the_daemon_was_down_happens_at_recovery()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await StartedAsync(first, "web", "always");
            world.Runtime.ExitTask(id, 1);
            await RestartingAsync(first, id);
        }
        clock.Advance(TimeSpan.FromMinutes(5));

        await using var daemon = await TestDaemon.StartAsync(world);
        var state = await RunningAsync(daemon, id);

        Assert.Equal(1, state.RestartCount);
        Assert.Equal(2, world.Runtime.StartCount);
    }

    [Fact]
    public async Task A_daemon_shutdown_is_not_a_user_stop_so_unless_stopped_is_reattached_and_later_restarted()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        int pid;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await StartedAsync(first, "web", "unless-stopped");
            pid = (await first.InspectAsync(id)).Task!.Pid;
        }

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var recovered = await SettledAsync(daemon, id);
        var startsAfterRecovery = world.Runtime.StartCount;
        world.Runtime.ExitTask(id, 0);
        var restarting = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(100 * Ms);
        var restarted = await RunningAsync(daemon, id);

        Assert.Equal(ContainerStatus.Running, recovered.Status);
        Assert.Equal(pid, recovered.Task!.Pid);
        Assert.False(recovered.ManuallyStopped);
        Assert.Equal(1, startsAfterRecovery);
        Assert.Equal(1, restarting.RestartCount);
        Assert.Equal(2, world.Runtime.StartCount);
        Assert.NotEqual(pid, restarted.Task!.Pid);
    }

    [Fact]
    public async Task An_unless_stopped_container_the_user_stopped_stays_exited_after_a_daemon_restart()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await StartedAsync(first, "web", "unless-stopped");
            Assert.IsType<Done>(await first.AskAsync(id, new StopContainer(1)));
        }

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        await SettledAsync(daemon, id);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(2));
        var state = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.Equal(143, state.ExitCode);
        Assert.Equal(1, world.Runtime.StartCount);
    }

    [Fact]
    public async Task An_always_container_the_user_stopped_is_started_again_at_daemon_start()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await StartedAsync(first, "web", "always");
            Assert.IsType<Done>(await first.AskAsync(id, new StopContainer(1)));
        }

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var state = await RunningAsync(daemon, id);

        Assert.Equal(ContainerStatus.Running, state.Status);
        Assert.True(state.ByRestartPolicy);
        Assert.Equal(2, world.Runtime.StartCount);
        Assert.True(world.Runtime.IsRunning(id));
    }

    [Fact]
    public async Task A_process_that_exited_while_the_daemon_was_down_gets_its_real_exit_code_at_recovery()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
            id = await StartedAsync(first, "batch", "no");
        clock.Advance(TimeSpan.FromSeconds(30));
        var exitTime = clock.GetUtcNow();
        world.Runtime.ExitTask(id, 42);
        clock.Advance(TimeSpan.FromSeconds(30));

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var state = await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Exited && !s.HoldsAnything);

        Assert.Equal(42, state.ExitCode);
        Assert.Equal(exitTime, state.FinishedAt);
        Assert.Equal("", state.Error);
        Assert.False(state.StopRequestedThisRun);
    }

    [Fact]
    public async Task A_process_that_vanished_without_trace_while_the_daemon_was_down_gets_exit_255_and_an_error()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
            id = await StartedAsync(first, "batch", "no");
        world.Runtime.Lose(id);

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var state = await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Exited && !s.HoldsAnything);

        Assert.Equal(255, state.ExitCode);
        Assert.NotEqual("", state.Error);
    }

    [Fact]
    public async Task A_no_policy_container_that_exited_during_downtime_stays_exited_with_its_resources_released()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
            id = await StartedAsync(first, "batch", "no");
        world.Runtime.ExitTask(id, 1);

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        await daemon.UntilAsync(id, s => s.Status == ContainerStatus.Exited);
        daemon.VirtualScheduler.Advance(TimeSpan.FromMinutes(2));
        var state = await SettledAsync(daemon, id);

        Assert.Equal(ContainerStatus.Exited, state.Status);
        Assert.False(state.HoldsAnything);
        Assert.Null(state.Task);
        Assert.Null(state.Network);
        Assert.Null(state.RootfsPath);
        Assert.False(world.Network.Allocated.ContainsKey(id));
        Assert.False(world.Layers.Mounted.ContainsKey(id));
        Assert.False(world.Runtime.Bundles.ContainsKey(id));
        Assert.Null(world.Runtime.HandleOf(id));
        Assert.True(world.Layers.Layers.ContainsKey(id));
        Assert.Equal(1, world.Runtime.StartCount);
    }

    [Fact]
    public async Task An_on_failure_container_that_failed_during_downtime_is_restarted_by_policy_after_recovery()
    {
        using var world = new TestWorld(new ManualClock());
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
            id = await StartedAsync(first, "batch", "on-failure");
        world.Runtime.ExitTask(id, 2);

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var restarting = await RestartingAsync(daemon, id);
        daemon.VirtualScheduler.Advance(100 * Ms);
        var running = await RunningAsync(daemon, id);

        Assert.Equal(2, restarting.ExitCode);
        Assert.Equal(1, running.RestartCount);
        Assert.Equal(2, world.Runtime.StartCount);
    }
}
