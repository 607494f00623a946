using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Spec;

/// <summary>docker run's flags through the daemon with real crun, conmon and overlay, checked from inside the container as a user would.</summary>
public sealed class RunFlagsTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;
    private readonly string _hostDir = Path.Combine("/tmp", "bv" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_hostDir);
        _daemon = await DaemonHost.StartAsync(images.DockerArchive);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_hostDir, recursive: true);
    }

    [Fact]
    public async Task A_read_only_rootfs_refuses_writes_but_tmpfs_and_binds_take_them()
    {
        var (exit, output) = await _daemon.RunToEndAsync("--read-only", "--tmpfs", "/scratch:size=1m", "-v", _hostDir + ":/data",
            "busybox", "sh", "-c",
            "touch /x 2>/dev/null && echo root-rw || echo root-ro; touch /scratch/y && echo tmpfs-rw; echo hi > /data/out; grep ' /scratch ' /proc/mounts");

        Assert.Equal(0, exit);
        Assert.Contains("root-ro\n", output);
        Assert.Contains("tmpfs-rw\n", output);
        Assert.Matches("tmpfs /scratch tmpfs [^ ]*size=1024k", output);
        Assert.Matches("tmpfs /scratch tmpfs [^ ]*(nosuid|nodev|noexec)", output);
        Assert.Equal("hi\n", await File.ReadAllTextAsync(Path.Combine(_hostDir, "out")));
    }

    [Fact]
    public async Task A_bind_mount_shows_host_files_read_only_with_ro_and_a_missing_host_dir_is_created()
    {
        await File.WriteAllTextAsync(Path.Combine(_hostDir, "f"), "from host\n");
        var missing = Path.Combine(_hostDir, "made", "by", "v");

        var (exit, output) = await _daemon.RunToEndAsync("-v", _hostDir + ":/data:ro", "-v", missing + ":/made", "busybox", "sh", "-c",
            "cat /data/f; (echo x > /data/g) 2>/dev/null && echo bind-rw || echo bind-ro; touch /made/z && echo made-rw");

        Assert.Equal(0, exit);
        Assert.Equal("from host\nbind-ro\nmade-rw\n", output);
        Assert.True(File.Exists(Path.Combine(missing, "z")));
    }

    [Fact]
    public async Task Bad_mount_specifications_are_refused_with_400()
    {
        foreach (var bad in new[] { "relative/dir:/data", "/abs:relative", "/a:/b:bogus", "/a:/" })
        {
            var error = await Assert.ThrowsAsync<ApiException>(() => _daemon.CreateAsync("-v", bad, "busybox", "true"));
            Assert.Equal(400, error.Status);
        }
        var duplicate = await Assert.ThrowsAsync<ApiException>(() => _daemon.CreateAsync("-v", "/a:/x", "--tmpfs", "/x", "busybox", "true"));
        Assert.Contains("Duplicate mount point: /x", duplicate.Message);
    }

    [Fact]
    public async Task Init_runs_tini_as_pid_one_in_front_of_the_command()
    {
        var (exit, output) = await _daemon.RunToEndAsync("--init", "busybox", "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo");

        Assert.Equal(0, exit);
        Assert.StartsWith("/sbin/docker-init -- sh -c", output);
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_oom_killed_with_137()
    {
        var id = await _daemon.RunAsync("-m", "32m", "busybox", "tail", "/dev/zero");

        Assert.Equal(137, await _daemon.WaitAsync(id));
        var state = (await _daemon.InspectAsync(id)).GetProperty("State");
        Assert.True(state.GetProperty("OOMKilled").GetBoolean());
        Assert.Equal(137, state.GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task A_user_signal_reaches_the_containers_trap()
    {
        var id = await _daemon.RunAsync("busybox", "sh", "-c", "trap 'echo got USR1; exit 7' USR1; echo ready; while true; do sleep 0.1; done");
        await WaitForOutput(id, "ready");

        await _daemon.Client.PostAsync($"/containers/{id}/kill?signal=USR1");

        Assert.Equal(7, await _daemon.WaitAsync(id));
        Assert.Contains("got USR1", await _daemon.LogsAsync(id));
    }

    [Fact]
    public async Task The_same_container_runs_under_runc()
    {
        var (exit, output) = await _daemon.RunToEndAsync("--runtime", "runc", "-m", "64m", "--init", "-v", _hostDir + ":/data",
            "busybox", "sh", "-c", "echo under runc > /data/r; cat /data/r; tr '\\0' ' ' < /proc/1/cmdline; echo");

        Assert.Equal(0, exit);
        Assert.StartsWith("under runc\n/sbin/docker-init --", output);
    }

    [Fact]
    public async Task Capabilities_follow_cap_add_cap_drop_and_privileged()
    {
        var (_, dropped) = await _daemon.RunToEndAsync("--cap-drop", "ALL", "--cap-add", "net_raw", "busybox", "grep", "CapEff", "/proc/self/status");
        var (_, defaults) = await _daemon.RunToEndAsync("busybox", "grep", "CapEff", "/proc/self/status");
        var (_, privileged) = await _daemon.RunToEndAsync("--privileged", "busybox", "sh", "-c",
            "grep -E 'CapEff|Seccomp:' /proc/self/status; ls /dev | grep -c .");

        Assert.Equal("0000000000002000", RunFlagsHarness.Field(dropped, "CapEff"));
        Assert.Equal("00000000a80425fb", RunFlagsHarness.Field(defaults, "CapEff"));
        var daemonBounding = RunFlagsHarness.Field(await File.ReadAllTextAsync("/proc/self/status"), "CapBnd");
        Assert.Equal(daemonBounding, RunFlagsHarness.Field(privileged, "CapEff"));
        Assert.Equal("0", RunFlagsHarness.Field(privileged, "Seccomp"));
    }

    [Fact]
    public async Task Security_options_set_no_new_privileges_and_turn_seccomp_off()
    {
        var (_, plain) = await _daemon.RunToEndAsync("busybox", "grep", "-E", "NoNewPrivs|Seccomp:", "/proc/self/status");
        var (_, hardened) = await _daemon.RunToEndAsync("--security-opt", "no-new-privileges", "--security-opt", "seccomp=unconfined",
            "busybox", "grep", "-E", "NoNewPrivs|Seccomp:", "/proc/self/status");

        Assert.Equal(("0", "2"), (RunFlagsHarness.Field(plain, "NoNewPrivs"), RunFlagsHarness.Field(plain, "Seccomp")));
        Assert.Equal(("1", "0"), (RunFlagsHarness.Field(hardened, "NoNewPrivs"), RunFlagsHarness.Field(hardened, "Seccomp")));
        var bad = await Assert.ThrowsAsync<ApiException>(() => _daemon.CreateAsync("--security-opt", "bogus", "busybox", "true"));
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Ulimits_oom_score_sysctls_shm_and_groups_reach_the_process()
    {
        var (exit, output) = await _daemon.RunToEndAsync("--ulimit", "nofile=1024:2048", "--oom-score-adj", "500",
            "--sysctl", "net.ipv4.ip_forward=1", "--shm-size", "1m", "--group-add", "123", "-u", "1000",
            "busybox", "sh", "-c",
            "ulimit -n; ulimit -Hn; cat /proc/self/oom_score_adj; cat /proc/sys/net/ipv4/ip_forward; grep ' /dev/shm ' /proc/mounts; id -G");

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Equal(["1024", "2048", "500", "1"], lines[..4]);
        Assert.Contains("size=1024k", lines[4]);
        Assert.Equal(["1000", "123"], lines[5].Split(' '));
    }

    [Fact]
    public async Task What_the_daemon_cannot_grant_or_docker_forbids_is_refused_with_400()
    {
        foreach (var args in new[]
        {
            new[] { "--ulimit", "nofile=1024:999999" },
            ["--oom-score-adj", "-500"],
            ["--sysctl", "kernel.hostname=x"],
            ["--cap-add", "NOT_A_CAP"],
            ["-m", "1m"],
            ["--cpus", "99"],
            ["--pid", "bogus"],
            ["--log-driver", "syslog"],
        })
        {
            var error = await Assert.ThrowsAsync<ApiException>(() => _daemon.CreateAsync([.. args, "busybox", "true"]));
            Assert.Equal(400, error.Status);
        }
    }

    [Fact]
    public async Task Pid_and_ipc_container_modes_join_a_running_container_and_refuse_a_stopped_one()
    {
        var target = await _daemon.RunAsync("busybox", "sleep", "1000");
        var (exit, output) = await _daemon.RunToEndAsync("--pid", "container:" + target, "--ipc", "container:" + target,
            "busybox", "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline; echo; readlink /proc/self/ns/ipc");

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Equal("sleep 1000 ", lines[0]);
        var targetPid = (await _daemon.InspectAsync(target)).GetProperty("State").GetProperty("Pid").GetInt32();
        Assert.Equal(new FileInfo($"/proc/{targetPid}/ns/ipc").LinkTarget, lines[1]);
        await _daemon.Client.PostAsync($"/containers/{target}/stop?t=0");
        var joiner = await _daemon.CreateAsync("--pid", "container:" + target, "busybox", "true");
        var refused = await Assert.ThrowsAsync<ApiException>(() => _daemon.Client.PostAsync($"/containers/{joiner}/start"));
        Assert.Equal(409, refused.Status);
        Assert.Contains("is not running", refused.Message);
    }

    [Fact]
    public async Task Resources_land_in_the_containers_cgroup_and_update_changes_them_while_it_runs()
    {
        var id = await _daemon.RunAsync("-m", "64m", "--cpus", "0.5", "--pids-limit", "50", "--cpu-shares", "512", "busybox", "sleep", "1000");
        string Read(string controller, string file) => File.ReadAllText($"/sys/fs/cgroup/{controller}/berth/{id}/{file}").Trim();

        Assert.Equal((64L << 20).ToString(), Read("memory", "memory.limit_in_bytes"));
        Assert.Equal("50000", Read("cpu", "cpu.cfs_quota_us"));
        Assert.Equal("100000", Read("cpu", "cpu.cfs_period_us"));
        Assert.Equal("512", Read("cpu", "cpu.shares"));
        Assert.Equal("50", Read("pids", "pids.max"));

        using var body = new StringContent("""{"Memory": 134217728, "MemorySwap": 268435456, "PidsLimit": 80, "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 2}}""",
            System.Text.Encoding.UTF8, "application/json");
        using var _ = await _daemon.Client.SendAsync(HttpMethod.Post, $"/containers/{id}/update", body);

        Assert.Equal((128L << 20).ToString(), Read("memory", "memory.limit_in_bytes"));
        Assert.Equal("80", Read("pids", "pids.max"));
        var host = (await _daemon.InspectAsync(id)).GetProperty("HostConfig");
        Assert.Equal(128L << 20, host.GetProperty("Memory").GetInt64());
        Assert.Equal("on-failure", host.GetProperty("RestartPolicy").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Logs_keep_an_unfinished_last_line_and_keep_stdout_and_stderr_pieces_apart()
    {
        var (exit, output) = await _daemon.RunToEndAsync("busybox", "sh", "-c", "printf 'out '; printf 'err\\n' >&2; printf 'done'");

        Assert.Equal(0, exit);
        Assert.Equal("err\nout done", output);
    }

    [Fact]
    public async Task A_small_log_cap_keeps_the_latest_lines_and_logs_still_read_them()
    {
        var (exit, output) = await _daemon.RunToEndAsync("--log-opt", "max-size=2k", "busybox", "sh", "-c",
            "i=0; while [ $i -lt 300 ]; do echo line$i; i=$((i+1)); done");

        Assert.Equal(0, exit);
        Assert.EndsWith("line299\n", output);
        Assert.DoesNotContain("line0\n", output);
        var id = (await _daemon.Client.GetJsonAsync("/containers/json?all=1", Berth.Supervisor.Api.Models.ApiJson.Default.ListApiContainerSummary))[0].Id;
        Assert.InRange(new FileInfo(Path.Combine(_daemon.DataRoot, "containers", id, "container.log")).Length, 1, 2048);
    }

    private async Task WaitForOutput(string id, string text)
    {
        for (var i = 0; i < 100 && !(await _daemon.LogsAsync(id)).Contains(text); i++) await Task.Delay(50);
    }
}
