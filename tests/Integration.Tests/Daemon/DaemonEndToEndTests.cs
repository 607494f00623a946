using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Daemon;

/// <summary>The daemon end to end with the real runtime: what a user of `berth run` checks.</summary>
public sealed class DaemonEndToEndTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact]
    public async Task Echo_hello_prints_hello_and_exits_zero()
    {
        var id = await _daemon.RunAsync("busybox", "echo", "hello");

        Assert.Equal(0, await _daemon.WaitAsync(id));
        Assert.Equal("hello\n", await _daemon.LogsAsync(id));
    }

    [Fact]
    public async Task The_exit_code_of_the_command_is_the_containers()
    {
        var id = await _daemon.RunAsync("busybox", "sh", "-c", "exit 3");

        Assert.Equal(3, await _daemon.WaitAsync(id));
    }

    [Fact]
    public async Task Env_workdir_user_and_hostname_reach_the_process()
    {
        var id = await _daemon.RunAsync("-e", "GREETING=hi", "-w", "/tmp", "-u", "65534", "-h", "box",
            "busybox", "sh", "-c", "echo $GREETING $(pwd) $(id -u) $(hostname)");

        Assert.Equal(0, await _daemon.WaitAsync(id));
        Assert.Equal("hi /tmp 65534 box\n", await _daemon.LogsAsync(id));
    }

    [Fact]
    public async Task Stop_with_a_one_second_grace_kills_a_sleeper_with_137()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");

        var started = DateTime.UtcNow;
        await _daemon.Client.PostAsync($"/containers/{id}/stop?t=1");

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        var state = await _daemon.Client.GetJsonAsync($"/containers/{id}/json", Berth.Supervisor.Api.Models.ApiJson.Default.JsonElement);
        Assert.Equal(137, state.GetProperty("State").GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Remove_leaves_no_mount_bundle_or_monitor_behind()
    {
        var id = await _daemon.RunAsync("busybox", "sleep", "1000");
        var inspect = await _daemon.Client.GetJsonAsync($"/containers/{id}/json", Berth.Supervisor.Api.Models.ApiJson.Default.JsonElement);
        var pid = inspect.GetProperty("State").GetProperty("Pid").GetInt32();
        Assert.True(Directory.Exists($"/proc/{pid}"));

        await _daemon.Client.DeleteAsync($"/containers/{id}?force=1");

        Assert.DoesNotContain(id, await File.ReadAllTextAsync("/proc/self/mountinfo"));
        Assert.False(Directory.Exists(Path.Combine(_daemon.ExecRoot, "containers", id)));
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "));
        var leftovers = System.Diagnostics.Process.GetProcessesByName("conmon")
            .Where(p => File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(id)).ToList();
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task A_missing_command_fails_the_start_and_records_the_error()
    {
        var parsed = Berth.Supervisor.Cli.CliArgs.Parse(["--network", "none", "busybox", "nosuchcmd"],
            Berth.Supervisor.Cli.CreateCommand.ValueFlags, Berth.Supervisor.Cli.CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await Berth.Supervisor.Cli.CreateCommand.CreateAsync(_daemon.Client, parsed);

        var error = await Assert.ThrowsAsync<Berth.Supervisor.Cli.ApiException>(() => _daemon.Client.PostAsync($"/containers/{id}/start"));

        Assert.Contains("nosuchcmd", error.Message);
        var state = (await _daemon.Client.GetJsonAsync($"/containers/{id}/json", Berth.Supervisor.Api.Models.ApiJson.Default.JsonElement)).GetProperty("State");
        Assert.Equal("created", state.GetProperty("Status").GetString());
        Assert.Equal(128, state.GetProperty("ExitCode").GetInt32());
        Assert.Contains("nosuchcmd", state.GetProperty("Error").GetString());
    }
}
