using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Daemon;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Network.Daemon;

/// <summary>
/// A daemon for the network tests, with one user-defined network of its own (a unique /24 under
/// 10.21x and a unique bridge name). Disposal removes the containers, then every network it made:
/// their bridges, conflists and leases go with them.
/// </summary>
public sealed class NetworkDaemon : IAsyncDisposable
{
    private static int _next = Random.Shared.Next(0, 200);
    private readonly List<string> _networks = [];

    private NetworkDaemon(DaemonHost host) => Host = host;

    public DaemonHost Host { get; }
    internal ApiClient Client => Host.Client;

    /// <summary>The test's network name, subnet and bridge.</summary>
    public string Network { get; private set; } = "";
    public string Subnet { get; private set; } = "";
    public string Prefix { get; private set; } = "";

    public static async Task<NetworkDaemon> StartAsync(string dockerArchive)
    {
        var daemon = new NetworkDaemon(await DaemonHost.StartAsync(dockerArchive));
        var n = Interlocked.Increment(ref _next) % 250;
        daemon.Prefix = $"10.{212 + Environment.ProcessId % 3}.{n}";
        daemon.Subnet = daemon.Prefix + ".0/24";
        daemon.Network = "tn" + Guid.NewGuid().ToString("N")[..8];
        await daemon.CreateNetworkAsync(daemon.Network, daemon.Subnet);
        return daemon;
    }

    public async Task<string> CreateNetworkAsync(string name, string? subnet)
    {
        var body = new ApiNetworkCreate
        {
            Name = name,
            IPAM = new ApiIpamRequest("default", subnet is null ? [] : [new ApiIpamConfig { Subnet = subnet }], null),
            Options = new Dictionary<string, string> { ["com.docker.network.bridge.name"] = "bt" + Guid.NewGuid().ToString("N")[..10] },
        };
        var created = await Client.PostJsonAsync("/networks/create", JsonContent.Create(body, ApiJson.Default.ApiNetworkCreate), ApiJson.Default.ApiNetworkCreateResponse);
        _networks.Add(created.Id);
        return created.Id;
    }

    /// <summary><c>berth create</c> with these flags, then start; returns the id.</summary>
    public async Task<string> RunAsync(params string[] args)
    {
        var parsed = CliArgs.Parse(args, CreateCommand.ValueFlags, CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await CreateCommand.CreateAsync(Client, parsed);
        await Client.PostAsync($"/containers/{id}/start");
        return id;
    }

    /// <summary>Runs a container to its end; returns its exit code and output.</summary>
    public async Task<(int Code, string Output)> RunToEndAsync(params string[] args)
    {
        var id = await RunAsync(args);
        var code = await Host.WaitAsync(id);
        return (code, await Host.LogsAsync(id));
    }

    public Task<JsonElement> InspectAsync(string id) => Client.GetJsonAsync($"/containers/{id}/json", ApiJson.Default.JsonElement);

    /// <summary>The status and message of a request expected to fail.</summary>
    public async Task<(int Status, string Message)> RefusalAsync(HttpMethod method, string path, string? json = null)
    {
        using var content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        try
        {
            using var _ = await Client.SendAsync(method, path, content);
            return (200, "");
        }
        catch (ApiException e)
        {
            return (e.Status, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var rows = await Client.GetJsonAsync("/containers/json?all=1", ApiJson.Default.ListApiContainerSummary);
            foreach (var row in rows) await Client.DeleteAsync($"/containers/{row.Id}?force=1");
            foreach (var id in _networks)
            {
                try { await Client.DeleteAsync($"/networks/{id}"); } catch (ApiException) { }
            }
        }
        finally
        {
            await Host.DisposeAsync();
        }
    }
}
