using System.Diagnostics;
using System.Text.Json;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Events;

/// <summary>GET /events and the docker CLI against a real daemon with the real runtime: what a user tailing events checks.</summary>
public sealed class EventStreamTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private const string Containers = "filters=%7B%22type%22%3A%7B%22container%22%3Atrue%7D%7D";
    private EventsDaemon _daemon = null!;

    public async Task InitializeAsync() => _daemon = await EventsDaemon.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private static string Action(JsonElement e) => e.GetProperty("Action").GetString()!;

    private static string Attribute(JsonElement e, string key) => e.GetProperty("Actor").GetProperty("Attributes").GetProperty(key).GetString()!;

    private static string Filter(string key, string value) => "filters=" + Uri.EscapeDataString($"{{\"{key}\":{{\"{value}\":true}}}}");

    [Fact]
    public async Task A_run_to_removal_is_create_start_die_destroy_in_order_with_dockers_attributes()
    {
        var since = EventsDaemon.Now();
        var id = await _daemon.RunAsync("--name", "ev-run", "-l", "tier=front", "busybox", "sh", "-c", "exit 3");
        await _daemon.WaitAsync(id);
        await _daemon.Client.DeleteAsync($"/containers/{id}");

        var events = await _daemon.EventsAsync($"since={since}&until={EventsDaemon.Now()}&{Containers}");

        Assert.Equal(["create", "start", "die", "destroy"], events.Select(Action));
        Assert.All(events, e =>
        {
            Assert.Equal(("container", id, "local"), (e.GetProperty("Type").GetString(), e.GetProperty("Actor").GetProperty("ID").GetString(), e.GetProperty("scope").GetString()));
            Assert.Equal(("ev-run", "busybox", "front"), (Attribute(e, "name"), Attribute(e, "image"), Attribute(e, "tier")));
            Assert.Equal(e.GetProperty("time").GetInt64(), e.GetProperty("timeNano").GetInt64() / 1_000_000_000);
            Assert.Equal((Action(e), id, "busybox"), (e.GetProperty("status").GetString(), e.GetProperty("id").GetString(), e.GetProperty("from").GetString()));
        });
        Assert.Equal("3", Attribute(events[2], "exitCode"));
        Assert.Equal(events.Select(e => e.GetProperty("timeNano").GetInt64()).Order(), events.Select(e => e.GetProperty("timeNano").GetInt64()));
    }

    [Fact]
    public async Task Stop_is_kill_kill_on_grace_expiry_die_stop_and_a_follower_sees_each_new_event_once_in_order()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _daemon.Client.SendAsync(HttpMethod.Get, "/events?" + Filter("container", "ev-follow"), cancel: cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var id = await _daemon.RunAsync("--name", "ev-follow", "busybox", "sleep", "1000");
        await _daemon.Client.PostAsync($"/containers/{id}/pause");
        await _daemon.Client.PostAsync($"/containers/{id}/unpause");
        // sleep as pid 1 ignores SIGTERM: the grace runs out and SIGKILL follows, as with Docker.
        await _daemon.Client.PostAsync($"/containers/{id}/stop?t=1");
        var seen = new List<JsonElement>();
        while (seen.Count < 8) seen.Add(JsonDocument.Parse((await reader.ReadLineAsync(cancel.Token))!).RootElement.Clone());

        Assert.Equal(["create", "start", "pause", "unpause", "kill", "kill", "die", "stop"], seen.Select(Action));
        Assert.Equal(("15", "9"), (Attribute(seen[4], "signal"), Attribute(seen[5], "signal")));
        Assert.Equal("137", Attribute(seen[6], "exitCode"));
        // A rename carries the new name, so a follower filtering on the old one (as with Docker) follows by id.
        await _daemon.Client.PostAsync($"/containers/{id}/rename?name=ev-renamed");
        var renamed = await _daemon.EventsAsync($"since=0&until={EventsDaemon.Now()}&filters=" + Uri.EscapeDataString($"{{\"container\":[\"{id}\"],\"event\":[\"rename\"]}}"));
        Assert.Equal(("/ev-follow", "ev-renamed"), (Attribute(renamed.Single(), "oldName"), Attribute(renamed.Single(), "name")));
    }

    [Fact]
    public async Task The_history_survives_a_daemon_restart_and_an_exit_during_downtime_is_a_die_with_its_code()
    {
        var done = await _daemon.RunAsync("--name", "ev-before", "busybox", "true");
        await _daemon.WaitAsync(done);
        var sleeper = await _daemon.RunAsync("--name", "ev-down", "busybox", "sh", "-c", "sleep 2; exit 7");

        await _daemon.DownAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _daemon.UpAsync();
        await _daemon.WaitAsync(sleeper);

        var events = await _daemon.EventsAsync($"since=0&until={EventsDaemon.Now()}&{Containers}");
        Assert.Equal(["create", "start", "die"], events.Where(e => Attribute(e, "name") == "ev-before").Select(Action));
        Assert.Equal(["create", "start", "die"], events.Where(e => Attribute(e, "name") == "ev-down").Select(Action));
        Assert.Equal("7", Attribute(events.Last(e => Attribute(e, "name") == "ev-down"), "exitCode"));
        var images = await _daemon.EventsAsync($"since=0&until={EventsDaemon.Now()}&{Filter("type", "image")}");
        Assert.Equal(["load", "load"], images.Select(Action));
    }

    [Fact]
    public async Task Filters_select_by_container_event_and_label()
    {
        var since = EventsDaemon.Now();
        var a = await _daemon.RunAsync("--name", "ev-a", "-l", "team=x", "busybox", "true");
        var b = await _daemon.RunAsync("--name", "ev-b", "busybox", "true");
        await _daemon.WaitAsync(a);
        await _daemon.WaitAsync(b);
        var window = $"since={since}&until={EventsDaemon.Now()}";

        var byContainer = await _daemon.EventsAsync($"{window}&{Filter("container", "ev-a")}");
        var dies = await _daemon.EventsAsync($"{window}&{Filter("event", "die")}");
        var byLabel = await _daemon.EventsAsync($"{window}&{Filter("label", "team=x")}");

        Assert.Equal(["create", "start", "die"], byContainer.Select(Action));
        Assert.Equal(["ev-a", "ev-b"], dies.Select(e => Attribute(e, "name")).Order());
        Assert.All(byLabel, e => Assert.Equal("ev-a", Attribute(e, "name")));
        Assert.Equal(3, byLabel.Count);
    }

    [Theory]
    [InlineData("since=yesterday", "invalid timestamp")]
    [InlineData("until=12.x", "invalid timestamp")]
    [InlineData("since=200&until=100", "cannot be after")]
    [InlineData("filters=%7Bnope", "invalid filter")]
    [InlineData("filters=%7B%22colour%22%3A%7B%22red%22%3Atrue%7D%7D", "invalid filter 'colour'")]
    public async Task Bad_since_until_or_filters_are_a_400(string query, string message)
    {
        var error = await Assert.ThrowsAsync<Supervisor.Cli.ApiException>(() => _daemon.EventsAsync(query));

        Assert.Equal(400, error.Status);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task The_docker_cli_prints_the_past_events_in_its_own_format()
    {
        const string docker = "/usr/local/bin/docker";
        if (!File.Exists(docker)) Assert.Fail($"{docker} is not installed");
        var since = EventsDaemon.Now();
        var id = await _daemon.RunAsync("--name", "ev-cli", "busybox", "sh", "-c", "exit 2");
        await _daemon.WaitAsync(id);

        var info = new ProcessStartInfo(docker, ["events", "--since", since, "--until", EventsDaemon.Now(), "--filter", "container=ev-cli"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOCKER_HOST"] = "unix://" + _daemon.SocketPath, ["DOCKER_CONFIG"] = _daemon.DataRoot },
        };
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container create " + id + @" \(image=busybox, name=ev-cli\)$", lines[0]);
        Assert.Contains($"container start {id} (image=busybox, name=ev-cli)", lines[1]);
        Assert.Contains($"container die {id} (execDuration=", lines[2]);
        Assert.Contains("exitCode=2, image=busybox, name=ev-cli)", lines[2]);
    }
}
