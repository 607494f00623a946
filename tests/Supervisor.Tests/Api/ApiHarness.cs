using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.Actors.Hosting;
using Berth.Actors.Tests.Support;
using Berth.Supervisor.Api;
using Berth.Supervisor.Cli;
using Microsoft.AspNetCore.Builder;

namespace Berth.Supervisor.Tests.Api;

/// <summary>
/// The daemon's API on a temporary unix socket, over the real actor tree and journal with fake OS
/// boundaries. Gives a raw HttpClient-backed <see cref="ApiClient"/> and helpers for raw requests.
/// </summary>
public sealed class ApiHarness : IAsyncDisposable
{
    private readonly RunningHost _host;
    private readonly WebApplication _app;

    private ApiHarness(TestWorld world, RunningHost host, WebApplication app, string socket)
    {
        World = world;
        _host = host;
        _app = app;
        Socket = socket;
        Client = new ApiClient(socket);
    }

    public TestWorld World { get; }
    public string Socket { get; }
    internal ApiClient Client { get; }

    public static async Task<ApiHarness> StartAsync()
    {
        var world = new TestWorld();
        var host = await ActorHost.StartAsync(world.JournalPath, world.Services,
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
        var socket = Path.Combine(Path.GetTempPath(), $"berth-api-{Guid.NewGuid():N}.sock");
        var app = ApiServer.Build(socket, host.Refs, TimeProvider.System,
            new DaemonFacts("test-daemon", "/tmp", "crun", new Dictionary<string, string> { ["crun"] = "/usr/bin/crun" }),
            new ContainerLogs(Path.GetDirectoryName(world.JournalPath)!), Berth.Journal.Query.ContainerHistoryReader.For(host.System));
        await app.StartAsync();
        return new ApiHarness(world, host, app, socket);
    }

    /// <summary>Sends a raw request (any path, any body) and returns status and body text.</summary>
    public async Task<(int Status, string Body, HttpResponseMessage Response)> RawAsync(HttpMethod method, string path, string? body = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await s.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(Socket), cancel);
                return new System.Net.Sockets.NetworkStream(s, ownsSocket: true);
            },
        }) { BaseAddress = new Uri("http://berth") };
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<string> CreateAsync(string body, string? name = null)
    {
        var (status, text, _) = await RawAsync(HttpMethod.Post, "/v1.45/containers/create" + (name is null ? "" : "?name=" + name), body);
        Assert.True(status == 201, $"create answered {status}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        World.Dispose();
        File.Delete(Socket);
    }
}
