using System.Text.Json;
using Berth.Actors.Hosting;
using Berth.Actors.Restart;
using Berth.Supervisor.Api;
using Berth.Supervisor.Cli;
using Microsoft.AspNetCore.Builder;

namespace Berth.Integration.Tests.Events;

/// <summary>
/// A berth daemon in-process on temporary roots that can be stopped and started again on the same roots
/// (containers keep running under conmon meanwhile), which is what the durable event history is about.
/// Disposal removes every container it made, then its roots.
/// </summary>
public sealed class EventsDaemon : IAsyncDisposable
{
    private readonly string _root = Path.Combine("/tmp", "be" + Guid.NewGuid().ToString("N")[..8]);
    private RunningHost? _host;
    private WebApplication? _app;

    public string DataRoot => Path.Combine(_root, "data");
    public string ExecRoot => Path.Combine(_root, "run");
    public string SocketPath => Path.Combine(ExecRoot, "berth.sock");
    internal ApiClient Client { get; private set; } = null!;

    public static async Task<EventsDaemon> StartAsync(string dockerArchive)
    {
        var daemon = new EventsDaemon();
        await daemon.UpAsync();
        await using var archive = File.OpenRead(dockerArchive);
        using var content = new StreamContent(archive);
        using var response = await daemon.Client.SendAsync(HttpMethod.Post, "/images/load", content);
        await response.Content.ReadAsStringAsync();
        return daemon;
    }

    /// <summary>Starts the actor system and the API on the roots (again, after <see cref="DownAsync"/>).</summary>
    public async Task UpAsync()
    {
        Directory.CreateDirectory(ExecRoot);
        if (File.Exists(SocketPath)) File.Delete(SocketPath);
        var prepared = NativeServices.Create(new HostPaths(DataRoot, ExecRoot, "crun"), TimeProvider.System, RestartBackoff.Docker, 100);
        _host = await ActorHost.StartAsync(Path.Combine(DataRoot, "journal.db"), prepared.Services,
            Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
        _app = ApiServer.Build(SocketPath, _host.Refs, TimeProvider.System,
            new DaemonFacts("it", DataRoot, "crun", prepared.Runtimes), new ContainerLogs(DataRoot), Berth.Journal.Query.ContainerHistoryReader.For(_host.System));
        await _app.StartAsync();
        Client = new ApiClient(SocketPath);
    }

    /// <summary>Stops the API and the actor system; the containers go on running.</summary>
    public async Task DownAsync()
    {
        Client.Dispose();
        if (_app is { } app) { await app.StopAsync(); await app.DisposeAsync(); }
        if (_host is { } host) await host.DisposeAsync();
        (_app, _host) = (null, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Creates (no network) and starts a container; returns its id.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var parsed = CliArgs.Parse(["--network", "none", .. args], CreateCommand.ValueFlags, CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await CreateCommand.CreateAsync(Client, parsed);
        await Client.PostAsync($"/containers/{id}/start");
        return id;
    }

    public async Task WaitAsync(string id) =>
        await Client.PostJsonAsync($"/containers/{id}/wait", null, Supervisor.Api.Models.ApiJson.Default.ApiWaitResponse);

    /// <summary>GET /events with the query, read to its end: the messages as JSON.</summary>
    public async Task<List<JsonElement>> EventsAsync(string query)
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/events?" + query);
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    public static string Now() => Unix(DateTimeOffset.UtcNow);

    public static string Unix(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_host is null) await UpAsync();
            var rows = await Client.GetJsonAsync("/containers/json?all=1", Supervisor.Api.Models.ApiJson.Default.ListApiContainerSummary);
            foreach (var row in rows) await Client.DeleteAsync($"/containers/{row.Id}?force=1");
        }
        finally
        {
            await DownAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
