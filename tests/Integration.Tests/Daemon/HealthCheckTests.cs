using System.Text.Json;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Daemon;

/// <summary>Health checks on the real runtime: a check made with berth's flags, watched through the real docker CLI.</summary>
public sealed class HealthCheckTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;
    private DockerCli _docker = null!;
    private string _work = "";

    public async Task InitializeAsync()
    {
        _daemon = await DaemonHost.StartAsync(images.DockerArchive);
        _work = Directory.CreateTempSubdirectory("berth-health-").FullName;
        _docker = new DockerCli(_daemon.SocketPath, _work);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<JsonElement> HealthAsync(string name) =>
        JsonDocument.Parse(await _docker.OkAsync("inspect", "-f", "{{json .State.Health}}", name)).RootElement.Clone();

    private async Task<JsonElement> UntilStatusAsync(string name, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement health;
        do
        {
            health = await HealthAsync(name);
            if (health.GetProperty("Status").GetString() == status) return health;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{name} never became {status}: {health}");
    }

    [Fact]
    public async Task A_failing_check_turns_unhealthy_and_passing_turns_healthy_as_docker_shows_it()
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        await _daemon.RunAsync("--name", "hc", "--health-cmd", "test -f /tmp/ok", "--health-interval", "200ms", "--health-retries", "2",
            "busybox", "sleep", "1000");
        var first = await HealthAsync("hc");
        var check = await _docker.OkAsync("inspect", "-f", "{{json .Config.Healthcheck}}", "hc");

        var unhealthy = await UntilStatusAsync("hc", "unhealthy");
        var unhealthyRow = await _docker.OkAsync("ps", "--filter", "health=unhealthy", "--format", "{{.Names}} {{.Status}}");
        await _docker.OkAsync("exec", "hc", "touch", "/tmp/ok");
        var healthy = await UntilStatusAsync("hc", "healthy");
        var healthyRow = await _docker.OkAsync("ps", "--format", "{{.Names}} {{.Status}}");
        var until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString();
        var actions = await _docker.OkAsync("events", "--since", since, "--until", until, "--filter", "container=hc",
            "--filter", "event=health_status", "--format", "{{.Action}}");

        Assert.Equal("starting", first.GetProperty("Status").GetString());
        Assert.Equal("""{"Test":["CMD-SHELL","test -f /tmp/ok"],"Interval":200000000,"Retries":2}""", check.Trim());
        Assert.True(unhealthy.GetProperty("FailingStreak").GetInt32() >= 2);
        Assert.Matches(@"^hc Up .* \(unhealthy\)$", unhealthyRow.Trim());
        Assert.Equal(0, healthy.GetProperty("FailingStreak").GetInt32());
        var log = healthy.GetProperty("Log").EnumerateArray().ToList();
        Assert.InRange(log.Count, 3, 5);
        Assert.Equal(0, log[^1].GetProperty("ExitCode").GetInt32());
        Assert.Equal(1, log[0].GetProperty("ExitCode").GetInt32());
        Assert.True(DateTimeOffset.Parse(log[^1].GetProperty("End").GetString()!) >= DateTimeOffset.Parse(log[^1].GetProperty("Start").GetString()!));
        Assert.Matches(@"^hc Up .* \(healthy\)$", healthyRow.Trim());
        Assert.Equal(["health_status: unhealthy", "health_status: healthy"], actions.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_probe_past_its_timeout_is_killed_and_reported_with_dockers_words()
    {
        await _daemon.RunAsync("--name", "slow", "--health-cmd", "sleep 5", "--health-interval", "200ms", "--health-timeout", "300ms",
            "--health-retries", "1", "busybox", "sleep", "1000");

        var health = await UntilStatusAsync("slow", "unhealthy");
        var probe = health.GetProperty("Log")[0];

        Assert.Equal(-1, probe.GetProperty("ExitCode").GetInt32());
        Assert.Equal("Health check exceeded timeout (300ms)", probe.GetProperty("Output").GetString());
        Assert.True(DateTimeOffset.Parse(probe.GetProperty("End").GetString()!) - DateTimeOffset.Parse(probe.GetProperty("Start").GetString()!) < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task No_healthcheck_shows_no_health_and_matches_the_none_filter()
    {
        await _daemon.RunAsync("--name", "plain", "--no-healthcheck", "busybox", "sleep", "1000");

        Assert.Equal("null", (await _docker.OkAsync("inspect", "-f", "{{json .State.Health}}", "plain")).Trim());
        Assert.Equal("plain", (await _docker.OkAsync("ps", "--filter", "health=none", "--format", "{{.Names}}")).Trim());
        Assert.Equal("""{"Test":["NONE"]}""", (await _docker.OkAsync("inspect", "-f", "{{json .Config.Healthcheck}}", "plain")).Trim());
    }

    [Fact]
    public async Task A_healthcheck_interval_under_a_millisecond_is_refused_as_docker_does()
    {
        var result = await _docker.RunAsync(["create", "--network", "none", "--health-cmd", "true", "--health-interval", "500us", "busybox"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Interval in Healthcheck cannot be less than 1ms", result.Stderr);
    }
}
