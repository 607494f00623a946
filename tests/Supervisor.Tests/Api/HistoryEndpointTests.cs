using System.Globalization;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Tests.Api;

/// <summary><c>GET /containers/{id}/history</c>: a container's journaled life, while it lives and after it is gone.</summary>
public sealed class HistoryEndpointTests : IAsyncLifetime
{
    private const string Sleeper = """{"Image":"busybox","Cmd":["sleep","1000"]}""";
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(int Status, List<ApiContainerFact> Facts, string Body)> HistoryAsync(string reference)
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, $"/v1.45/containers/{Uri.EscapeDataString(reference)}/history");
        return (status, status == 200 ? JsonSerializer.Deserialize(body, ApiJson.Default.ListApiContainerFact)! : [], body);
    }

    private static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;

    [Fact]
    public async Task A_live_container_by_name_has_its_facts_oldest_first_with_times_and_offsets()
    {
        var id = await _api.CreateAsync(Sleeper, "web");
        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Post, "/containers/web/start")).Status);

        var (status, facts, _) = await HistoryAsync("web");

        Assert.Equal(200, status);
        Assert.Equal("Created", facts[0].Fact);
        Assert.Contains("name web", facts[0].Detail);
        Assert.Contains(facts, f => f.Fact == "TaskStarted" && f.Detail.StartsWith("pid ", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, facts.Count).Select(n => (long)n), facts.Select(f => f.Seq));
        Assert.True(facts.Zip(facts.Skip(1)).All(p => p.Item1.Offset < p.Item2.Offset && p.Item1.TimeNano <= p.Item2.TimeNano));
        Assert.All(facts, f =>
        {
            var time = DateTimeOffset.Parse(f.Time, CultureInfo.InvariantCulture);
            Assert.EndsWith("Z", f.Time);
            Assert.Equal(f.TimeNano / 100, (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks));
        });
        Assert.Equal(facts.Select(f => f.Seq), (await HistoryAsync(id)).Facts.Select(f => f.Seq));
    }

    [Fact]
    public async Task A_removed_container_is_found_by_name_and_id_prefix_and_ends_with_removed()
    {
        var id = await _api.CreateAsync(Sleeper, "gone");
        await _api.RawAsync(HttpMethod.Post, "/containers/gone/start");
        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Delete, "/containers/gone?force=1")).Status);
        Assert.Equal(404, (await _api.RawAsync(HttpMethod.Get, "/containers/gone/json")).Status);

        var byName = await HistoryAsync("gone");
        var byPrefix = await HistoryAsync(id[..12]);

        Assert.Equal(200, byName.Status);
        Assert.Equal("Created", byName.Facts[0].Fact);
        Assert.Equal("Removed", byName.Facts[^1].Fact);
        Assert.Contains(byName.Facts, f => f.Fact == "TaskStarted");
        Assert.Equal(byName.Facts, byPrefix.Facts);
    }

    [Fact]
    public async Task An_unknown_container_is_404_and_a_prefix_removed_containers_share_is_400()
    {
        // 17 ids over 16 hex digits: at least two start alike.
        var ids = new List<string>();
        for (var i = 0; i < 17; i++) ids.Add(await _api.CreateAsync(Sleeper));
        foreach (var id in ids) Assert.Equal(204, (await _api.RawAsync(HttpMethod.Delete, $"/containers/{id}")).Status);
        var shared = ids.GroupBy(id => id[0]).First(g => g.Count() > 1).Key.ToString();

        var unknown = await HistoryAsync("nope");
        var ambiguous = await HistoryAsync(shared);

        Assert.Equal(404, unknown.Status);
        Assert.Equal("No such container: nope", Message(unknown.Body));
        Assert.Equal(400, ambiguous.Status);
        Assert.Equal($"multiple IDs found with provided prefix: {shared}", Message(ambiguous.Body));
    }

    [Fact]
    public async Task A_prefix_live_containers_share_is_400_as_for_every_container_route()
    {
        var ids = new List<string>();
        for (var i = 0; i < 17; i++) ids.Add(await _api.CreateAsync(Sleeper));
        var shared = ids.GroupBy(id => id[0]).First(g => g.Count() > 1).Key.ToString();

        var ambiguous = await HistoryAsync(shared);

        Assert.Equal(400, ambiguous.Status);
        Assert.Equal($"multiple IDs found with provided prefix: {shared}", Message(ambiguous.Body));
    }
}
