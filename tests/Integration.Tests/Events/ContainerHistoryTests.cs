using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Events;

/// <summary><c>berth history</c> against a real daemon and runtime: a container's life outlives its removal and a restart.</summary>
public sealed class ContainerHistoryTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private EventsDaemon _daemon = null!;

    public async Task InitializeAsync() => _daemon = await EventsDaemon.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [Fact]
    public async Task A_removed_containers_life_is_shown_after_a_daemon_restart_in_journal_order_with_its_times()
    {
        var id = await _daemon.RunAsync("--name", "hist-once", "busybox", "true");
        await _daemon.WaitAsync(id);
        await _daemon.Client.DeleteAsync($"/containers/{id}");
        await _daemon.DownAsync();
        await _daemon.UpAsync();
        var table = new StringWriter();
        var lines = new StringWriter();

        Assert.Equal(0, await HistoryCommand.RunAsync(_daemon.Client, ["hist-once"], table));
        Assert.Equal(0, await HistoryCommand.RunAsync(_daemon.Client, ["--format", "{{.Seq}}|{{.Fact}}|{{.Detail}}", id[..12]], lines));

        var rows = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["TIME", "FACT", "DETAIL"], rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var cells = rows.Skip(1).Select(r => r.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var facts = cells.Select(c => c[1]).ToList();
        var times = cells.Select(c => c[0]).ToList();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", times[0]);
        // Each fact carries when it happened; Exited carries the process's own end (from its monitor), which for
        // `true` can come before TaskStarted was stamped. Every other fact is stamped as it is journaled, in order.
        var journalTimes = times.Where((_, i) => facts[i] != "Exited").ToList();
        Assert.Equal(journalTimes.Order(StringComparer.Ordinal), journalTimes);
        Assert.All(times, t => Assert.InRange(string.CompareOrdinal(t, times[0]), 0, int.MaxValue));
        Assert.Equal("Created", facts[0]);
        Assert.Equal("Removed", facts[^1]);
        var order = new[] { "Created", "TaskStarted", "Exited", "Removed" }.Select(f => facts.IndexOf(f)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        // The same life by id prefix, numbered from 1, with the exit's code and the task's pid in the details.
        var parts = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|')).ToList();
        Assert.Equal(Enumerable.Range(1, facts.Count).Select(n => n.ToString()), parts.Select(p => p[0]));
        Assert.Equal(facts, parts.Select(p => p[1]));
        Assert.StartsWith("exit code 0", parts.Single(p => p[1] == "Exited")[2]);
        Assert.Matches(@"^pid \d+, monitor pid \d+$", parts.Single(p => p[1] == "TaskStarted")[2]);
    }

    [Fact]
    public async Task The_endpoint_answers_404_for_a_container_never_made()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => _daemon.Client.SendAsync(HttpMethod.Get, "/containers/hist-never/history"));

        Assert.Equal(404, error.Status);
        Assert.Equal("No such container: hist-never", error.Message);
    }
}
