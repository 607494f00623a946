using System.Text.Json;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.LiveRestore;

/// <summary>
/// Live-restore as an operator sees it: <c>kill -9</c> the daemon, the containers go on running,
/// and the daemon that comes back on the same data root has lost nothing and records what happened
/// while it was away.
/// </summary>
public sealed class LiveRestoreTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private readonly DaemonProcess _daemon = new();

    public async Task InitializeAsync()
    {
        try
        {
            await _daemon.StartAsync();
            await using var archive = File.OpenRead(images.DockerArchive);
            using var content = new StreamContent(archive);
            using var response = await _daemon.Client.SendAsync(HttpMethod.Post, "/images/load", content);
            await response.Content.ReadAsStringAsync();
        }
        catch
        {
            // xunit does not dispose a class whose initialization failed.
            await _daemon.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact]
    public async Task Containers_keep_running_through_a_kill_9_and_exits_while_down_are_recorded()
    {
        var sleeper = await RunAsync("--name", "sleeper", "busybox", "sleep", "1000");
        var quitter = await RunAsync("--name", "quitter", "busybox", "sh", "-c", "sleep 2; exit 5");
        var idle = await CreateAsync("--name", "idle", "busybox", "true");
        var sleeperPid = (await InspectAsync(sleeper)).GetProperty("State").GetProperty("Pid").GetInt32();
        var quitterPid = (await InspectAsync(quitter)).GetProperty("State").GetProperty("Pid").GetInt32();

        await _daemon.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(IsAlive(sleeperPid), "the container must outlive the daemon");
        await WaitUntilGoneAsync(quitterPid);
        await _daemon.StartAsync();

        var sleeperState = (await InspectAsync(sleeper)).GetProperty("State");
        Assert.Equal("running", sleeperState.GetProperty("Status").GetString());
        Assert.Equal(sleeperPid, sleeperState.GetProperty("Pid").GetInt32());
        var quitterState = (await InspectAsync(quitter)).GetProperty("State");
        Assert.Equal("exited", quitterState.GetProperty("Status").GetString());
        Assert.Equal(5, quitterState.GetProperty("ExitCode").GetInt32());
        Assert.True(quitterState.GetProperty("FinishedAt").GetDateTimeOffset() > killedAt.AddSeconds(-5));
        Assert.Equal("created", (await InspectAsync(idle)).GetProperty("State").GetProperty("Status").GetString());
        Assert.Equal("/sleeper", (await InspectAsync("sleeper")).GetProperty("Name").GetString());

        await _daemon.Client.PostAsync($"/containers/{sleeper}/stop?t=1");
        Assert.Equal(137, (await InspectAsync(sleeper)).GetProperty("State").GetProperty("ExitCode").GetInt32());
        Assert.False(IsAlive(sleeperPid));
    }

    [Fact]
    public async Task A_restart_always_container_that_died_while_the_daemon_was_down_runs_again()
    {
        var id = await RunAsync("--restart", "always", "busybox", "sh", "-c", "sleep 2; exit 1");
        var firstPid = (await InspectAsync(id)).GetProperty("State").GetProperty("Pid").GetInt32();

        await _daemon.KillAsync();
        await WaitUntilGoneAsync(firstPid);
        await _daemon.StartAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement state;
        do
        {
            state = (await InspectAsync(id)).GetProperty("State");
            if (state.GetProperty("Running").GetBoolean() && state.GetProperty("Pid").GetInt32() != firstPid) return;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"the container was not restarted: {state}");
    }

    [Fact]
    public async Task A_user_stop_survives_a_kill_9_of_the_daemon()
    {
        var id = await RunAsync("--restart", "unless-stopped", "busybox", "sleep", "1000");
        await _daemon.Client.PostAsync($"/containers/{id}/stop?t=1");

        await _daemon.KillAsync();
        await _daemon.StartAsync();
        await Task.Delay(500);

        var state = (await InspectAsync(id)).GetProperty("State");
        Assert.Equal("exited", state.GetProperty("Status").GetString());
        Assert.Equal(137, state.GetProperty("ExitCode").GetInt32());
    }

    private async Task<string> CreateAsync(params string[] args)
    {
        // No network: the test stays off the host's bridge.
        var parsed = CliArgs.Parse(["--network", "none", .. args], CreateCommand.ValueFlags, CreateCommand.BoolFlags, stopAtPositional: true);
        return await CreateCommand.CreateAsync(_daemon.Client, parsed);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var id = await CreateAsync(args);
        await _daemon.Client.PostAsync($"/containers/{id}/start");
        return id;
    }

    private Task<JsonElement> InspectAsync(string id) =>
        _daemon.Client.GetJsonAsync($"/containers/{id}/json", ApiJson.Default.JsonElement);

    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"pid {pid} still runs");
            await Task.Delay(100);
        }
    }
}
