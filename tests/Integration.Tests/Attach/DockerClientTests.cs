using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Attach;

/// <summary>The real docker CLI and docker-py against berth: run, attach, exec, TTYs, exit codes.</summary>
public sealed class DockerClientTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    private string Socket => Path.Combine(_daemon.ExecRoot, "berth.sock");

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private Task<ClientProcess.Result> Docker(string? stdin, params string[] args) => ClientProcess.RunAsync(Socket, ClientProcess.Docker, args, stdin);

    [Fact]
    public async Task Docker_run_rm_prints_the_output_and_passes_the_exit_code()
    {
        var hi = await Docker(null, "run", "--rm", "--network", "none", "busybox", "echo", "hi");
        var failing = await Docker(null, "run", "--rm", "--network", "none", "busybox", "sh", "-c", "echo bad >&2; exit 3");

        Assert.Equal("hi\n", hi.Stdout);
        Assert.Equal(0, hi.ExitCode);
        Assert.Equal("bad\n", failing.Stderr);
        Assert.Equal(3, failing.ExitCode);
    }

    [Theory]
    [InlineData("crun")]
    [InlineData("runc")]
    public async Task Docker_run_of_a_command_that_cannot_run_exits_127_or_126_as_with_docker(string runtime)
    {
        var missing = await Docker(null, "run", "--rm", "--runtime", runtime, "--network", "none", "busybox", "no-such-command");
        var notExecutable = await Docker(null, "run", "--rm", "--runtime", runtime, "--network", "none", "busybox", "/etc/passwd");
        var directory = await Docker(null, "run", "--rm", "--runtime", runtime, "--network", "none", "busybox", "/etc");
        var berth = await ClientProcess.RunAsync(Socket, ClientProcess.Berth, ["run", "--rm", "--runtime", runtime, "--network", "none", "busybox", "no-such-command"]);

        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("exec: \"no-such-command\": executable file not found in $PATH", missing.Stderr);
        Assert.Equal(126, notExecutable.ExitCode);
        Assert.Contains("exec: \"/etc/passwd\": permission denied", notExecutable.Stderr);
        Assert.Equal(126, directory.ExitCode);
        Assert.Equal(127, berth.ExitCode);
        Assert.Equal("", (await Docker(null, "ps", "-aq")).Stdout);
    }

    [Fact]
    public async Task Docker_run_d_then_docker_exec_runs_in_it_with_its_exit_code()
    {
        var run = await Docker(null, "run", "-d", "--network", "none", "busybox", "sleep", "1000");
        var id = run.Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);

        var exec = await Docker(null, "exec", id, "sh", "-c", "echo from-exec; exit 5");
        var piped = await Docker("abc\n", "exec", "-i", id, "cat");

        Assert.Equal("from-exec\n", exec.Stdout);
        Assert.Equal(5, exec.ExitCode);
        Assert.Equal("abc\n", piped.Stdout);
    }

    [Fact]
    public async Task Docker_attach_forwards_stdin_and_returns_the_containers_exit_code()
    {
        var run = await Docker(null, "run", "-di", "--network", "none", "busybox", "sh");
        var id = run.Stdout.Trim();

        var attach = await Docker("echo attached\nexit 2\n", "attach", id);

        Assert.Equal("attached\n", attach.Stdout);
        Assert.Equal(2, attach.ExitCode);
    }

    [Fact]
    public async Task Docker_run_it_and_exec_it_work_in_a_terminal()
    {
        var run = await ClientProcess.InTerminalAsync(Socket, "docker run --rm -it --network none busybox sh -c 'tty; stty size; exit 4'");
        var sleeper = (await Docker(null, "run", "-d", "--network", "none", "busybox", "sleep", "1000")).Stdout.Trim();
        var exec = await ClientProcess.InTerminalAsync(Socket, $"docker exec -it {sleeper} sh -c 'stty size; exit 5'");

        Assert.Contains("/dev/pts/0", run.Stdout);
        Assert.Contains("30 100", run.Stdout);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("30 100", exec.Stdout);
        Assert.Equal(5, exec.ExitCode);
    }

    [Fact]
    public async Task Docker_py_runs_with_remove_and_exec_run()
    {
        var script = $$"""
            import docker
            c = docker.DockerClient(base_url="unix://{{Socket}}")
            print(c.containers.run("busybox", ["sh", "-c", "echo py-out"], remove=True, network_mode="none").decode(), end="")
            ct = c.containers.run("busybox", ["sleep", "1000"], detach=True, network_mode="none")
            r = ct.exec_run(["sh", "-c", "echo exec-out; exit 3"])
            print(r.exit_code, r.output.decode(), end="")
            """;

        var result = await ClientProcess.RunAsync(Socket, "/usr/bin/env", ["python3", "-c", script]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("py-out\n3 exec-out\n", result.Stdout);
    }
}
