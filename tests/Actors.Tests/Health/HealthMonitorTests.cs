using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Tests.Containers;
using Berth.Actors.Tests.Fakes;
using Berth.Actors.Tests.Support;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Health;

/// <summary>
/// Health checks end to end on the actor tree: probes are fake execs the test ends, intervals and timeouts
/// run on Akka's virtual scheduler and a manual clock, so no test waits for a real interval.
/// </summary>
public sealed class HealthMonitorTests : IClassFixture<JournalWarmup>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static ContainerConfig Checked(HealthConfig check) => new() { Cmd = ["sleep", "1000"], Healthcheck = check };

    private static async Task<string> RunningAsync(TestDaemon daemon, ContainerConfig config)
    {
        var id = (await daemon.CreateAsync("web", config: config)).Id;
        Assert.IsType<Done>(await daemon.AskAsync(id, new StartContainer()));
        // Once the monitor answers, its PreStart has run and its first probe is due on the virtual scheduler.
        if (config.Healthcheck?.Test is ["CMD" or "CMD-SHELL", ..])
            await daemon.System.ActorSelection($"/user/berth/containers/{id}/health-1").ResolveOne(TestDaemon.Timeout);
        return id;
    }

    private static void Advance(TestDaemon daemon, ManualClock clock, TimeSpan by)
    {
        clock.Advance(by);
        daemon.VirtualScheduler.Advance(by);
    }

    /// <summary>The probe the monitor launched and has not seen end yet.</summary>
    private static async Task<FakeExecProcess> ProbeAsync(TestWorld world, params string[] args)
    {
        var deadline = DateTime.UtcNow + TestDaemon.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var probe = world.Runtime.Execs.Values.FirstOrDefault(e => !e.Ended && e.Spec.Args.SequenceEqual(args));
            if (probe is not null) return probe;
            await Task.Delay(10);
        }
        throw new TimeoutException("no probe was launched");
    }

    private static async Task<HealthView> HealthAsync(TestDaemon daemon, string id, Func<HealthView, bool> until)
    {
        var deadline = DateTime.UtcNow + TestDaemon.Timeout;
        HealthView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Assert.IsType<ContainerDetails>(await daemon.AskAsync(id, new InspectContainer())).Health;
            if (last is not null && until(last)) return last;
            await Task.Delay(10);
        }
        throw new TimeoutException($"health never got there; last: {last}");
    }

    [Fact]
    public async Task Retries_failures_in_a_row_make_it_unhealthy_and_one_success_healthy_again()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await RunningAsync(daemon, Checked(new HealthConfig { Test = ["CMD", "check"], Interval = 1_000_000_000, Retries = 2 }));
        var starting = await HealthAsync(daemon, id, _ => true);

        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(1);
        var once = await HealthAsync(daemon, id, h => h.Log.Count == 1);
        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(1);
        var unhealthy = await HealthAsync(daemon, id, h => h.Log.Count == 2);
        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(0);
        var healthy = await HealthAsync(daemon, id, h => h.Log.Count == 3);

        Assert.Equal(("starting", 0), (starting.Status, starting.FailingStreak));
        Assert.Equal(("starting", 1), (once.Status, once.FailingStreak));
        Assert.Equal(("unhealthy", 2), (unhealthy.Status, unhealthy.FailingStreak));
        Assert.Equal(("healthy", 0), (healthy.Status, healthy.FailingStreak));
        Assert.Equal([1, 1, 0], healthy.Log.Select(r => r.ExitCode));
        Assert.Equal("healthy", (await daemon.InspectAsync(id)).Health!.Status);
    }

    [Fact]
    public async Task A_probe_past_its_timeout_is_killed_and_logged_as_dockers_timeout_failure()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await RunningAsync(daemon, Checked(new HealthConfig { Test = ["CMD-SHELL", "sleep 9"], Interval = 1_000_000_000, Timeout = 500_000_000, Retries = 1 }));

        Advance(daemon, clock, Second);
        var probe = await ProbeAsync(world, "/bin/sh", "-c", "sleep 9");
        Advance(daemon, clock, TimeSpan.FromMilliseconds(500));
        var health = await HealthAsync(daemon, id, h => h.Log.Count == 1);

        Assert.Equal(9, probe.Killed);
        Assert.Equal(("unhealthy", 1), (health.Status, health.FailingStreak));
        Assert.Equal((-1, "Health check exceeded timeout (500ms)"), (health.Log[0].ExitCode, health.Log[0].Output));
    }

    [Fact]
    public async Task Failures_within_the_start_period_leave_it_starting_with_no_streak()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await RunningAsync(daemon, Checked(new HealthConfig
        {
            Test = ["CMD", "check"], Interval = 5_000_000_000, StartInterval = 1_000_000_000, StartPeriod = 10_000_000_000, Retries = 1,
        }));

        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(1);
        var health = await HealthAsync(daemon, id, h => h.Log.Count == 1);

        Assert.Equal(("starting", 0), (health.Status, health.FailingStreak));
    }

    [Fact]
    public async Task A_disabled_check_runs_no_probe_and_shows_no_health()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await RunningAsync(daemon, Checked(new HealthConfig { Test = ["NONE"], Interval = 1_000_000_000 }));

        Advance(daemon, clock, TimeSpan.FromSeconds(5));
        var details = Assert.IsType<ContainerDetails>(await daemon.AskAsync(id, new InspectContainer()));

        Assert.Null(details.Health);
        Assert.Empty(world.Runtime.Execs);
    }

    [Fact]
    public async Task The_exit_stops_the_monitor_and_leaves_the_status_unhealthy_as_docker_does()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var id = await RunningAsync(daemon, Checked(new HealthConfig { Test = ["CMD", "check"], Interval = 1_000_000_000 }));
        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(0);
        await HealthAsync(daemon, id, h => h.Status == "healthy");

        world.Runtime.ExitTask(id, 0);
        var exited = await daemon.UntilStatusAsync(id, ContainerStatus.Exited);
        Advance(daemon, clock, TimeSpan.FromSeconds(5));

        Assert.Equal("unhealthy", exited.Health!.Status);
        Assert.Single(world.Runtime.Execs);
    }

    [Fact]
    public async Task After_a_daemon_restart_a_reattached_container_starts_over_from_starting()
    {
        var clock = new ManualClock();
        using var world = new TestWorld(clock);
        string id;
        await using (var first = await TestDaemon.StartAsync(world, virtualScheduler: true))
        {
            id = await RunningAsync(first, Checked(new HealthConfig { Test = ["CMD", "check"], Interval = 1_000_000_000 }));
            Advance(first, clock, Second);
            (await ProbeAsync(world, "check")).Exit(0);
            await HealthAsync(first, id, h => h.Status == "healthy");
        }

        await using var daemon = await TestDaemon.StartAsync(world, virtualScheduler: true);
        var restarted = await daemon.UntilAsync(id, s => s.Health?.Status == "starting");
        await daemon.System.ActorSelection($"/user/berth/containers/{id}/health-1").ResolveOne(TestDaemon.Timeout);
        Advance(daemon, clock, Second);
        (await ProbeAsync(world, "check")).Exit(0);
        var healthy = await HealthAsync(daemon, id, h => h.Status == "healthy");

        Assert.Equal(ContainerStatus.Running, restarted.Status);
        Assert.Equal(0, healthy.FailingStreak);
        Assert.Equal("healthy", (await daemon.InspectAsync(id)).Health!.Status);
    }
}
