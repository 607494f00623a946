using System.Net.Http.Json;
using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Attach;

/// <summary>Attach, exec and interactive run through the berth CLI against a real daemon and runtime.</summary>
public sealed class AttachExecTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    private string Socket => Path.Combine(_daemon.ExecRoot, "berth.sock");

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private Task<ClientProcess.Result> Berth(string? stdin, params string[] args) => ClientProcess.RunAsync(Socket, ClientProcess.Berth, args, stdin);

    [Fact]
    public async Task Run_with_stdin_piped_passes_it_to_the_container()
    {
        var result = await Berth("hi\n", "run", "--rm", "-i", "--network", "none", "busybox", "cat");

        Assert.Equal("hi\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Run_streams_stdout_and_stderr_apart_and_exits_with_the_containers_code()
    {
        var result = await Berth(null, "run", "--rm", "--network", "none", "busybox", "sh", "-c", "echo out; echo err >&2; exit 9");

        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal(9, result.ExitCode);
    }

    [Fact]
    public async Task Exec_exits_with_the_commands_exit_code()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");

        var result = await Berth(null, "exec", id, "sh", "-c", "echo in-exec; exit 7");

        Assert.Equal("in-exec\n", result.Stdout);
        Assert.Equal(7, result.ExitCode);
    }

    [Fact]
    public async Task Exec_env_user_and_workdir_reach_the_process()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");

        var result = await Berth(null, "exec", "-e", "GREETING=hi", "-u", "1000", "-w", "/tmp", id, "sh", "-c", "echo $GREETING $(id -u) $(pwd)");

        Assert.Equal("hi 1000 /tmp\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Exec_with_stdin_reads_it_to_the_end()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");

        var result = await Berth("one\ntwo\n", "exec", "-i", id, "wc", "-l");

        Assert.Equal("2", result.Stdout.Trim());
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Exec_of_a_missing_command_exits_127_and_says_so()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");

        var result = await Berth(null, "exec", id, "no-such-command");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("no-such-command", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Exec_in_a_stopped_container_is_refused_with_409()
    {
        var id = await _daemon.RunAsync("busybox", "true");
        await _daemon.WaitAsync(id);

        var error = await Assert.ThrowsAsync<ApiException>(() => _daemon.Client.PostJsonAsync($"/containers/{id}/exec",
            JsonContent.Create(new ApiExecConfig { Cmd = ["true"], AttachStdout = true }, ExecJson.Default.ApiExecConfig), ExecJson.Default.ApiIdResponse));

        Assert.Equal(409, error.Status);
        Assert.Equal($"container {id} is not running", error.Message);
        var cli = await Berth(null, "exec", id, "true");
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("is not running", cli.Stderr);
    }

    [Fact]
    public async Task Exec_inspect_shows_the_process_config_and_its_exit_code()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");
        var created = await _daemon.Client.PostJsonAsync($"/containers/{id}/exec",
            JsonContent.Create(new ApiExecConfig { Cmd = ["sh", "-c", "exit 4"], User = "1000" }, ExecJson.Default.ApiExecConfig), ExecJson.Default.ApiIdResponse);
        Assert.Matches("^[0-9a-f]{64}$", created.Id);

        var before = await _daemon.Client.GetJsonAsync($"/exec/{created.Id}/json", ExecJson.Default.ApiExecInspect);
        Assert.Null(before.ExitCode);
        Assert.False(before.Running);
        using (await _daemon.Client.SendAsync(HttpMethod.Post, $"/exec/{created.Id}/start",
            JsonContent.Create(new ApiExecStart { Detach = true }, ExecJson.Default.ApiExecStart))) { }
        var after = await WaitForExecEndAsync(created.Id);

        Assert.Equal(4, after.ExitCode);
        Assert.Equal(id, after.ContainerID);
        Assert.Equal("sh", after.ProcessConfig.Entrypoint);
        Assert.Equal(["-c", "exit 4"], after.ProcessConfig.Arguments);
        Assert.Equal("1000", after.ProcessConfig.User);
        Assert.True(after.Pid > 0);
    }

    [Fact]
    public async Task Start_attached_with_stdin_feeds_the_container_and_returns_its_code()
    {
        var created = await Berth(null, "create", "-i", "--network", "none", "busybox", "sh", "-c", "read x; echo got $x; exit 6");
        var id = created.Stdout.Trim();

        var result = await Berth("line\n", "start", "-a", "-i", id);

        Assert.Equal("got line\n", result.Stdout);
        Assert.Equal(6, result.ExitCode);
    }

    [Fact]
    public async Task Run_with_a_tty_gives_the_process_a_terminal()
    {
        var result = await ClientProcess.InTerminalAsync(Socket, $"{ClientProcess.Berth} run --rm -it --network none busybox sh -c 'tty; exit 4'");

        Assert.Contains("/dev/pts/0", result.Stdout);
        Assert.Equal(4, result.ExitCode);
    }

    private async Task<ApiExecInspect> WaitForExecEndAsync(string execId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var inspect = await _daemon.Client.GetJsonAsync($"/exec/{execId}/json", ExecJson.Default.ApiExecInspect);
            if (inspect.ExitCode is not null || DateTime.UtcNow > deadline) return inspect;
            await Task.Delay(50);
        }
    }
}
