using System.Text.Json;

namespace Berth.Supervisor.Tests.Api;

/// <summary>
/// A DELETE that meets a removal already under way (AutoRemove after a stop, or a second client)
/// gets Docker's 409 naming the container as this request did. Testcontainers disposes an
/// auto-removed container with DELETE by full id and ignores exactly that message.
/// </summary>
public sealed class RemovalInProgressTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Delete_during_a_removal_is_a_conflict_naming_the_reference_the_client_used()
    {
        var id = await _api.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""", "web");
        var hold = new TaskCompletionSource();
        _api.World.Layers.HoldRemove = hold;
        var first = _api.RawAsync(HttpMethod.Delete, $"/v1.44/containers/{id}?force=1");
        await UntilRemovingAsync(id);

        var byId = await _api.RawAsync(HttpMethod.Delete, $"/v1.44/containers/{id}?v=1&force=1");
        var byName = await _api.RawAsync(HttpMethod.Delete, "/v1.44/containers/web?force=1");
        hold.SetResult();

        Assert.Equal(409, byId.Status);
        Assert.Equal($"removal of container {id} is already in progress", Message(byId.Body));
        Assert.Equal(409, byName.Status);
        Assert.Equal("removal of container web is already in progress", Message(byName.Body));
        Assert.Equal(204, (await first).Status);
    }

    private async Task UntilRemovingAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var (status, body, _) = await _api.RawAsync(HttpMethod.Get, $"/containers/{id}/json");
            if (status == 200 && JsonDocument.Parse(body).RootElement.GetProperty("State").GetProperty("Status").GetString() == "removing") return;
            await Task.Delay(20, timeout.Token);
        }
    }

    private static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
}
