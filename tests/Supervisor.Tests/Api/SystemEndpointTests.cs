using System.Text.Json;

namespace Berth.Supervisor.Tests.Api;

public sealed class SystemEndpointTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Ping_answers_OK_with_the_headers_docker_clients_read()
    {
        var (status, body, response) = await _api.RawAsync(HttpMethod.Get, "/_ping");

        Assert.Equal(200, status);
        Assert.Equal("OK", body);
        Assert.Equal("1.45", response.Headers.GetValues("Api-Version").Single());
        Assert.Equal("linux", response.Headers.GetValues("OSType").Single());
        Assert.Equal("false", response.Headers.GetValues("Docker-Experimental").Single());
    }

    [Fact]
    public async Task Ping_answers_HEAD_without_a_body()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Head, "/_ping");

        Assert.Equal(200, status);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("/v1.24/_ping")]
    [InlineData("/v1.40/_ping")]
    [InlineData("/v1.45/_ping")]
    public async Task Supported_version_prefixes_are_accepted(string path)
    {
        var (status, _, _) = await _api.RawAsync(HttpMethod.Get, path);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_newer_client_version_is_refused_with_dockers_message()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/v1.46/version");

        Assert.Equal(400, status);
        Assert.Equal("client version 1.46 is too new. Maximum supported API version is 1.45",
            JsonDocument.Parse(body).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_older_client_version_is_refused()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/v1.12/version");

        Assert.Equal(400, status);
        Assert.Contains("too old", body);
    }

    [Fact]
    public async Task Version_reports_api_1_45_and_linux()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/version");

        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, status);
        Assert.Equal("1.45", root.GetProperty("ApiVersion").GetString());
        Assert.Equal("1.24", root.GetProperty("MinAPIVersion").GetString());
        Assert.Equal("linux", root.GetProperty("Os").GetString());
    }

    [Fact]
    public async Task Info_counts_containers_by_state()
    {
        await _api.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""");

        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/info");

        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, status);
        Assert.Equal(1, root.GetProperty("Containers").GetInt32());
        Assert.Equal(1, root.GetProperty("ContainersStopped").GetInt32());
        Assert.Equal(1, root.GetProperty("Images").GetInt32());
        Assert.Equal("crun", root.GetProperty("DefaultRuntime").GetString());
        Assert.True(root.GetProperty("LiveRestoreEnabled").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_with_a_message()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/nothing/here");

        Assert.Equal(404, status);
        Assert.Contains("page not found", body);
    }
}
