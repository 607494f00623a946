using System.Text.Json.Nodes;
using Berth.Native;
using Berth.Native.Runtime;

namespace Berth.Integration.Tests.Runtime;

/// <summary>The real task runtime — conmon with crun and with runc — driving busybox containers as root.</summary>
public sealed class ConmonTaskRuntimeTests
{
    public static TheoryData<string> Runtimes => new() { "crun", "runc" };

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Echo_exits_0_and_its_output_lands_in_the_log(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("echo", "hello"));
        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(0, exit.ExitCode);
        Assert.False(exit.OomKilled);
        Assert.Contains("hello", bed.Log(id));
        Assert.True(handle.Pid > 0 && handle.PidStartTime > 0 && handle.MonitorPid > 0);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task The_init_process_s_exit_code_is_reported(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("sh", "-c", "echo to-stderr >&2; exit 3"));
        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(3, exit.ExitCode);
        Assert.Contains("to-stderr", bed.Log(id));
        Assert.True(exit.FinishedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Sigterm_ends_a_process_under_an_init_with_143(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("/sbin/catatonit", "--", "sleep", "1000"));
        // catatonit forwards signals once it has forked its child; a TERM before that meets a pid 1
        // without a handler and is dropped by the kernel (the flake seen under load).
        await WaitUntil(() => File.Exists($"/proc/{handle.Pid}/task/{handle.Pid}/children")
            && File.ReadAllText($"/proc/{handle.Pid}/task/{handle.Pid}/children").Trim().Length > 0, "catatonit never started its child");

        await bed.Runtime.SignalAsync(id, Signals.SIGTERM, CancellationToken.None);
        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(143, exit.ExitCode);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Sigterm_to_a_bare_pid_1_is_ignored_and_sigkill_ends_it_with_137(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));

        // The kernel drops signals a namespace's init has no handler for: busybox sleep as pid 1 survives TERM.
        await bed.Runtime.SignalAsync(id, Signals.SIGTERM, CancellationToken.None);
        await Task.Delay(300);
        Assert.IsType<TaskProbe.Alive>(await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None));

        await bed.Runtime.SignalAsync(id, Signals.SIGKILL, CancellationToken.None);
        Assert.Equal(137, (await bed.WaitAsync(id, handle)).ExitCode);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Pause_freezes_the_container_and_resume_thaws_it(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));
        var freezer = Path.Combine(bed.CgroupDir("freezer", id), "freezer.state");

        await bed.Runtime.PauseAsync(id, CancellationToken.None);
        var paused = File.ReadAllText(freezer).Trim();
        await bed.Runtime.ResumeAsync(id, CancellationToken.None);
        var resumed = File.ReadAllText(freezer).Trim();

        Assert.Equal("FROZEN", paused);
        Assert.Equal("THAWED", resumed);
        Assert.IsType<TaskProbe.Alive>(await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Probe_sees_the_task_alive_then_ended_with_its_code(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sh", "-c", "sleep 1; exit 5"));

        var before = await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None);
        await bed.WaitAsync(id, handle);
        var after = await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None);

        Assert.IsType<TaskProbe.Alive>(before);
        Assert.Equal(5, Assert.IsType<TaskProbe.Ended>(after).Exit.ExitCode);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Delete_removes_the_runtime_state_the_monitor_the_bundle_and_the_cgroups(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));
        Assert.Contains(id, await bed.RuntimeListAsync());
        Assert.True(Directory.Exists(bed.CgroupDir("memory", id)));

        await bed.Runtime.DeleteAsync(id, CancellationToken.None);
        await bed.Runtime.DeleteAsync(id, CancellationToken.None);

        Assert.DoesNotContain(id, await bed.RuntimeListAsync());
        Assert.False(Directory.Exists(bed.Paths(id).BundleDir));
        Assert.False(IsRunning(handle.MonitorPid), "conmon still runs");
        Assert.False(IsRunning(handle.Pid), "the init process still runs");
        Assert.Empty(RuntimeTestBed.ProcessesMentioning(bed.Paths(id).BundleDir));
        foreach (var hierarchy in new[] { "memory", "pids", "freezer", "cpu", "devices" })
            Assert.False(Directory.Exists(bed.CgroupDir(hierarchy, id)), $"{hierarchy} cgroup left behind");
        Assert.True(File.Exists(bed.Paths(id).LogFile), "the log outlives the run");
        var error = await Assert.ThrowsAsync<RuntimeException>(() => bed.Runtime.SignalAsync(id, Signals.SIGKILL, CancellationToken.None));
        Assert.Equal(RuntimeErrorKind.NotFound, error.Kind);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Deleting_a_task_that_never_started_does_nothing(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        await bed.Runtime.DeleteAsync(bed.NewId(), CancellationToken.None);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task A_failed_create_reports_the_runtime_s_error_and_leaves_nothing_running(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var error = await Assert.ThrowsAsync<RuntimeException>(() => bed.StartAsync(bed.Spec("/nonexistent")));

        Assert.Equal("create", error.Operation);
        Assert.Contains("/nonexistent", error.Message);
        Assert.DoesNotContain("/nonexistent", await bed.RuntimeListAsync());
        await WaitUntil(() => RuntimeTestBed.ProcessesMentioning(bed.Root).Count == 0, "conmon outlived a failed create");
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task The_process_runs_as_the_image_s_user_with_its_groups(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("id") with { User = "app" });
        await bed.WaitAsync(id, handle);

        Assert.Equal("uid=1000(app) gid=1000(app) groups=50(staff)", Assert.Single(bed.Log(id)));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Hostname_env_and_cwd_apply_in_a_fresh_network_namespace(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var spec = bed.Spec("sh", "-c", "hostname; echo $GREETING; pwd; grep -c : /proc/net/dev") with
        {
            Env = ["PATH=/bin", "GREETING=hi there"],
            WorkingDir = "/tmp",
        };

        var (id, handle) = await bed.StartAsync(spec);
        await bed.WaitAsync(id, handle);

        // A new network namespace holds only its loopback interface.
        Assert.Equal(["berth-test", "hi there", "/tmp", "1"], bed.Log(id));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Docker_s_capabilities_and_the_seccomp_filter_are_in_force(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("grep", "-E", "^(CapEff|CapInh|Seccomp):", "/proc/self/status"));
        await bed.WaitAsync(id, handle);
        var lines = bed.Log(id);

        // a80425fb is Docker's default set; Seccomp 2 = a filter is installed.
        Assert.Contains("CapEff:\t00000000a80425fb", lines);
        Assert.Contains("CapInh:\t0000000000000000", lines);
        Assert.Contains("Seccomp:\t2", lines);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task A_readonly_root_refuses_writes(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("touch", "/new-file") with { ReadonlyRootfs = true });
        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(1, exit.ExitCode);
        Assert.Contains(bed.Log(id), line => line.Contains("Read-only file system"));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task A_tty_container_writes_its_terminal_output_to_the_log(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);

        var (id, handle) = await bed.StartAsync(bed.Spec("sh", "-c", "echo hello; tty") with { Tty = true });
        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal(["hello", "/dev/pts/0"], bed.Log(id));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task An_oom_kill_is_reported(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        const long limit = 16 * 1024 * 1024;

        // busybox tail keeps the whole (newline-free) line in memory until the cgroup kills it.
        var (id, handle) = await bed.StartAsync(
            bed.Spec("sh", "-c", "head -c 500000000 /dev/zero | tail"),
            config => config["linux"]!["resources"]!["memory"] = new JsonObject { ["limit"] = limit, ["swap"] = limit });
        var exit = await bed.WaitAsync(id, handle);

        Assert.True(exit.OomKilled);
        Assert.Equal(137, exit.ExitCode);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Another_runtime_instance_re_attaches_to_a_running_task(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));

        // As after a daemon restart: nothing but the settings and the journaled handle.
        var restarted = new ConmonTaskRuntime(bed.Settings);
        var probe = await restarted.ProbeAsync(id, handle, CancellationToken.None);
        var watch = restarted.WaitForExitAsync(id, handle, CancellationToken.None);
        await restarted.SignalAsync(id, Signals.SIGKILL, CancellationToken.None);

        Assert.IsType<TaskProbe.Alive>(probe);
        Assert.Equal(137, (await watch.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task A_task_whose_monitor_and_process_vanished_without_an_exit_file_is_lost(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));

        Tmds.Linux.LibC.kill(handle.MonitorPid, Signals.SIGKILL);
        await WaitUntil(() => !IsRunning(handle.MonitorPid), "conmon survived SIGKILL");
        await bed.Runtime.SignalAsync(id, Signals.SIGKILL, CancellationToken.None);
        await WaitUntil(() => !IsRunning(handle.Pid), "the init process survived SIGKILL");

        Assert.IsType<TaskProbe.Lost>(await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None));
        var error = await Assert.ThrowsAsync<RuntimeException>(() => bed.WaitAsync(id, handle));
        Assert.Equal(RuntimeErrorKind.Lost, error.Kind);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task A_pid_with_another_start_time_is_not_the_task(string runtime)
    {
        await using var bed = RuntimeTestBed.Create(runtime);
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));

        var probe = await bed.Runtime.ProbeAsync(id, handle with { PidStartTime = handle.PidStartTime - 1 }, CancellationToken.None);

        Assert.IsType<TaskProbe.Lost>(probe);
    }

    [Fact]
    public void This_host_passes_the_runtime_check()
    {
        var settings = RuntimeSettings.Discover("/run/berth", "/var/lib/berth");

        Assert.Empty(RuntimeHostCheck.Run(settings));
        Assert.Contains("crun", settings.Runtimes.Keys);
        Assert.Contains("runc", settings.Runtimes.Keys);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 1)..].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(failure);
            await Task.Delay(50);
        }
    }
}
