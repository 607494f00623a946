using System.Text.Json;

namespace Berth.Supervisor.Tests.Api;

public sealed class ContainerEndpointTests : IAsyncLifetime
{
    private const string Sleeper = """{"Image":"busybox","Cmd":["sleep","1000"]}""";
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;

    [Fact]
    public async Task Create_answers_201_with_a_64_hex_id()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Post, "/v1.45/containers/create?name=web", Sleeper);

        Assert.Equal(201, status);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", id);
    }

    [Fact]
    public async Task Inspect_has_dockers_shape()
    {
        var id = await _api.CreateAsync("""{"Image":"busybox","Cmd":["echo","hi"],"Env":["A=1"],"Labels":{"k":"v"},"HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}}""", "web");

        var (status, body, _) = await _api.RawAsync(HttpMethod.Get, "/containers/web/json");

        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, status);
        Assert.Equal(id, root.GetProperty("Id").GetString());
        Assert.Equal("/web", root.GetProperty("Name").GetString());
        Assert.Equal("echo", root.GetProperty("Path").GetString());
        Assert.Equal("hi", root.GetProperty("Args")[0].GetString());
        var state = root.GetProperty("State");
        Assert.Equal("created", state.GetProperty("Status").GetString());
        Assert.False(state.GetProperty("Running").GetBoolean());
        Assert.Equal("0001-01-01T00:00:00Z", state.GetProperty("StartedAt").GetString());
        Assert.Equal("busybox", root.GetProperty("Config").GetProperty("Image").GetString());
        Assert.Equal("A=1", root.GetProperty("Config").GetProperty("Env")[0].GetString());
        Assert.Equal("v", root.GetProperty("Config").GetProperty("Labels").GetProperty("k").GetString());
        Assert.Equal("on-failure", root.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString());
        Assert.Equal(3, root.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("MaximumRetryCount").GetInt32());
    }

    [Fact]
    public async Task Start_twice_answers_204_then_304()
    {
        await _api.CreateAsync(Sleeper, "web");

        var first = await _api.RawAsync(HttpMethod.Post, "/containers/web/start");
        var second = await _api.RawAsync(HttpMethod.Post, "/containers/web/start");

        Assert.Equal(204, first.Status);
        Assert.Equal(304, second.Status);
        var inspect = JsonDocument.Parse((await _api.RawAsync(HttpMethod.Get, "/containers/web/json")).Body).RootElement;
        Assert.Equal("running", inspect.GetProperty("State").GetProperty("Status").GetString());
        Assert.True(inspect.GetProperty("State").GetProperty("Pid").GetInt32() > 0);
    }

    [Fact]
    public async Task Stop_answers_204_then_304_and_the_exit_code_is_recorded()
    {
        await _api.CreateAsync(Sleeper, "web");
        await _api.RawAsync(HttpMethod.Post, "/containers/web/start");

        var first = await _api.RawAsync(HttpMethod.Post, "/containers/web/stop?t=1");
        var second = await _api.RawAsync(HttpMethod.Post, "/containers/web/stop");

        Assert.Equal(204, first.Status);
        Assert.Equal(304, second.Status);
        var state = JsonDocument.Parse((await _api.RawAsync(HttpMethod.Get, "/containers/web/json")).Body).RootElement.GetProperty("State");
        Assert.Equal("exited", state.GetProperty("Status").GetString());
        Assert.Equal(143, state.GetProperty("ExitCode").GetInt32());
    }

    [Fact]
    public async Task Kill_of_a_stopped_container_is_a_409()
    {
        var id = await _api.CreateAsync(Sleeper, "web");

        var (status, body, _) = await _api.RawAsync(HttpMethod.Post, "/containers/web/kill");

        Assert.Equal(409, status);
        Assert.Equal($"container {id} is not running", Message(body));
    }

    [Fact]
    public async Task An_unknown_container_is_a_404_naming_it()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Post, "/containers/nope/start");

        Assert.Equal(404, status);
        Assert.Equal("No such container: nope", Message(body));
    }

    [Fact]
    public async Task A_name_in_use_is_a_409_naming_the_holder()
    {
        var id = await _api.CreateAsync(Sleeper, "web");

        var (status, body, _) = await _api.RawAsync(HttpMethod.Post, "/containers/create?name=web", Sleeper);

        Assert.Equal(409, status);
        Assert.Contains($"\"/web\" is already in use by container \"{id}\"", Message(body));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"Image":"busybox","Cmd":5}""")]
    [InlineData("""{"Image":"busybox","Cmd":["true"],"Tty":"yes"}""")]
    [InlineData("""{"Cmd":["true"]}""")]
    [InlineData("")]
    public async Task A_malformed_create_body_is_a_400_and_nothing_is_created(string body)
    {
        var (status, text, _) = await _api.RawAsync(HttpMethod.Post, "/containers/create", body);

        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(Message(text)));
        var list = JsonDocument.Parse((await _api.RawAsync(HttpMethod.Get, "/containers/json?all=1")).Body).RootElement;
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_name_is_a_400()
    {
        var (status, body, _) = await _api.RawAsync(HttpMethod.Post, "/containers/create?name=-bad", Sleeper);

        Assert.Equal(400, status);
        Assert.StartsWith("Invalid container name (-bad)", Message(body));
    }

    [Fact]
    public async Task Unknown_fields_in_a_create_body_are_ignored()
    {
        var (status, _, _) = await _api.RawAsync(HttpMethod.Post, "/containers/create",
            """{"Image":"busybox","Cmd":["true"],"SomethingNew":{"x":1},"HostConfig":{"Future":true}}""");

        Assert.Equal(201, status);
    }

    [Fact]
    public async Task List_shows_running_containers_and_all_with_all()
    {
        await _api.CreateAsync(Sleeper, "idle");
        await _api.CreateAsync(Sleeper, "busy");
        await _api.RawAsync(HttpMethod.Post, "/containers/busy/start");

        var running = JsonDocument.Parse((await _api.RawAsync(HttpMethod.Get, "/containers/json")).Body).RootElement;
        var all = JsonDocument.Parse((await _api.RawAsync(HttpMethod.Get, "/containers/json?all=1")).Body).RootElement;

        Assert.Equal(1, running.GetArrayLength());
        Assert.Equal("/busy", running[0].GetProperty("Names")[0].GetString());
        Assert.Equal("running", running[0].GetProperty("State").GetString());
        Assert.StartsWith("Up ", running[0].GetProperty("Status").GetString());
        Assert.Equal(2, all.GetArrayLength());
    }

    [Fact]
    public async Task Wait_answers_with_the_exit_code_once_the_container_exits()
    {
        var id = await _api.CreateAsync(Sleeper, "web");
        await _api.RawAsync(HttpMethod.Post, "/containers/web/start");

        var wait = _api.RawAsync(HttpMethod.Post, "/containers/web/wait");
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        _api.World.Runtime.ExitTask(id, 3);
        var (status, body, _) = await wait;

        Assert.Equal(200, status);
        Assert.Equal(3, JsonDocument.Parse(body).RootElement.GetProperty("StatusCode").GetInt32());
    }

    [Fact]
    public async Task Pause_unpause_rename_and_remove_work_through_the_api()
    {
        await _api.CreateAsync(Sleeper, "web");
        await _api.RawAsync(HttpMethod.Post, "/containers/web/start");

        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Post, "/containers/web/pause")).Status);
        Assert.Equal(409, (await _api.RawAsync(HttpMethod.Post, "/containers/web/start")).Status);
        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Post, "/containers/web/unpause")).Status);
        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Post, "/containers/web/rename?name=api")).Status);
        Assert.Equal(404, (await _api.RawAsync(HttpMethod.Get, "/containers/web/json")).Status);
        Assert.Equal(409, (await _api.RawAsync(HttpMethod.Delete, "/containers/api")).Status);
        Assert.Equal(204, (await _api.RawAsync(HttpMethod.Delete, "/containers/api?force=1")).Status);
        Assert.Equal(404, (await _api.RawAsync(HttpMethod.Get, "/containers/api/json")).Status);
    }
}
