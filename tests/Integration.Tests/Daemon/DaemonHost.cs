using System.Collections.Concurrent;
using Berth.Actors.Hosting;
using Berth.Actors.Restart;
using Berth.Native.Network;
using Berth.Supervisor.Api;
using Berth.Supervisor.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Integration.Tests.Daemon;

/// <summary>
/// A whole berth daemon in-process on temporary roots — real conmon, crun, overlay, CNI — with the
/// busybox image loaded. Disposal removes every container it made, then its roots.
/// </summary>
public sealed class DaemonHost : IAsyncDisposable
{
    private readonly string _root;
    private readonly RunningHost _host;
    private readonly WebApplication _app;

    private DaemonHost(string root, RunningHost host, WebApplication app, string dataRoot, ConcurrentQueue<string> requests)
    {
        Requests = requests;
        _root = root;
        _host = host;
        _app = app;
        DataRoot = dataRoot;
        Client = new ApiClient(SocketPath);
    }

    internal ApiClient Client { get; }
    public string DataRoot { get; }
    public string ExecRoot => Path.Combine(_root, "run");
    public string SocketPath => Path.Combine(ExecRoot, "berth.sock");

    /// <summary>Every API call the daemon answered, as "METHOD raw-target -> status", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <param name="network">
    /// The default bridge; null keeps the daemon's. Tests that use the bridge pass their own bridge
    /// name and subnet (roots are filled in here) so parallel daemons never share addresses.
    /// </param>
    public static async Task<DaemonHost> StartAsync(string dockerArchive, NetworkSettings? network = null)
    {
        // Short: conmon's attach socket path must stay under 108 bytes.
        var root = Path.Combine("/tmp", "bd" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        var exec = Path.Combine(root, "run");
        Directory.CreateDirectory(exec);
        var paths = new HostPaths(data, exec, "crun");
        var prepared = network is null
            ? NativeServices.Create(paths, TimeProvider.System, RestartBackoff.Docker, 100)
            : NativeServices.Create(paths, TimeProvider.System, RestartBackoff.Docker, 100, network with { ExecRoot = exec, DataRoot = data });
        var host = await ActorHost.StartAsync(Path.Combine(data, "journal.db"), prepared.Services,
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
        var app = ApiServer.Build(Path.Combine(exec, "berth.sock"), host.Refs, TimeProvider.System,
            new DaemonFacts("it", data, "crun", prepared.Runtimes), new ContainerLogs(data), Berth.Journal.Query.ContainerHistoryReader.For(host.System));
        var requests = new ConcurrentQueue<string>();
        app.Use(async (HttpContext http, Func<Task> next) =>
        {
            var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
            await next();
            requests.Enqueue($"{http.Request.Method} {target} -> {http.Response.StatusCode}");
        });
        await app.StartAsync();
        var daemon = new DaemonHost(root, host, app, data, requests);
        await daemon.LoadAsync(dockerArchive);
        return daemon;
    }

    private async Task LoadAsync(string dockerArchive)
    {
        await using var archive = File.OpenRead(dockerArchive);
        using var content = new StreamContent(archive);
        using var response = await Client.SendAsync(HttpMethod.Post, "/images/load", content);
        await response.Content.ReadAsStringAsync();
    }

    /// <summary>Creates (no network: tests stay off the host's bridge) and starts a container; returns its id.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var parsed = CliArgs.Parse(["--network", "none", .. args], CreateCommand.ValueFlags, CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await CreateCommand.CreateAsync(Client, parsed);
        await Client.PostAsync($"/containers/{id}/start");
        return id;
    }

    public async Task<int> WaitAsync(string id)
    {
        var result = await Client.PostJsonAsync($"/containers/{id}/wait", null, Berth.Supervisor.Api.Models.ApiJson.Default.ApiWaitResponse);
        return result.StatusCode;
    }

    public async Task<string> LogsAsync(string id)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var line in new ContainerLogs(DataRoot).ReadAsync(id, follow: false, () => false, CancellationToken.None))
            text.Append(line.Text);
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var rows = await Client.GetJsonAsync("/containers/json?all=1", Berth.Supervisor.Api.Models.ApiJson.Default.ListApiContainerSummary);
            foreach (var row in rows)
            {
                // An auto-removed container may finish going between the list and the delete.
                try { await Client.DeleteAsync($"/containers/{row.Id}?force=1"); }
                catch (ApiException e) when (e.Status is 404 or 409) { }
            }
        }
        finally
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _host.DisposeAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
