using System.Net.Http.Json;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth network create|ls|inspect|rm|connect|disconnect|prune</c>, as docker's.</summary>
internal static class NetworkVerbs
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors, TextReader input)
    {
        if (args.Count == 0) throw new CliException("Usage:  berth network COMMAND\n\nCommands: connect, create, disconnect, inspect, ls, prune, rm");
        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "create" => await Create(client, rest, output),
            "ls" or "list" => await List(client, rest, output),
            "inspect" => await Inspect(client, rest, output, errors),
            "rm" or "remove" => await Remove(client, rest, output, errors),
            "connect" => await Connect(client, rest),
            "disconnect" => await Disconnect(client, rest),
            "prune" => await Prune(client, rest, output, input),
            var other => throw new CliException($"berth network: '{other}' is not a network command."),
        };
    }

    private static async Task<int> Create(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--driver|-d", "--subnet", "--gateway", "--label", "--opt|-o", "--ip-range"], ["--internal", "--attachable", "--ipv6"]);
        if (a.Positional.Count != 1) throw new CliException("\"network create\" requires exactly 1 argument: NETWORK");
        var ipam = new List<ApiIpamConfig>();
        if (a.Value("--subnet") is { } subnet) ipam.Add(new ApiIpamConfig { Subnet = subnet, Gateway = a.Value("--gateway") });
        else if (a.Value("--gateway") is not null) throw new CliException("every ip-range or gateway must have a corresponding subnet");
        var body = new ApiNetworkCreate
        {
            Name = a.Positional[0],
            Driver = a.Value("--driver") ?? "bridge",
            Internal = a.Has("--internal"),
            Attachable = a.Has("--attachable"),
            EnableIPv6 = a.Has("--ipv6"),
            IPAM = new ApiIpamRequest("default", ipam, null),
            Options = Pairs(a.Values("--opt")),
            Labels = Pairs(a.Values("--label")),
        };
        var created = await client.PostJsonAsync("/networks/create", JsonContent.Create(body, ApiJson.Default.ApiNetworkCreate), ApiJson.Default.ApiNetworkCreateResponse);
        await output.WriteLineAsync(created.Id);
        return 0;
    }

    private static async Task<int> List(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--format", "--filter|-f"], ["--quiet|-q", "--no-trunc"]);
        var networks = await client.GetJsonAsync("/networks", ApiJson.Default.ListApiNetwork);
        string Id(string id) => a.Has("--no-trunc") ? id : id[..12];
        if (a.Has("--quiet")) { foreach (var n in networks) await output.WriteLineAsync(Id(n.Id)); return 0; }
        if (a.Value("--format") is { } format && format != "table")
        {
            foreach (var n in networks) await output.WriteLineAsync(GoTemplate.Render(format, JsonSerializer.SerializeToElement(n, ApiJson.Default.ApiNetwork)));
            return 0;
        }
        var table = new TableWriter("NETWORK ID", "NAME", "DRIVER", "SCOPE");
        foreach (var n in networks) table.Add(Id(n.Id), n.Name, n.Driver, n.Scope);
        table.WriteTo(output);
        return 0;
    }

    private static async Task<int> Inspect(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, ["--format|-f"], ["--verbose|-v"]);
        if (a.Positional.Count == 0) throw new CliException("\"network inspect\" requires at least 1 argument");
        var found = new List<JsonElement>();
        var failed = false;
        foreach (var name in a.Positional)
        {
            try
            {
                found.Add(await client.GetJsonAsync($"/networks/{ApiClient.Query(name)}", ApiJson.Default.JsonElement));
            }
            catch (ApiException error) when (error.Status == 404)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: network {name} not found");
            }
        }
        if (a.Value("--format") is { } format) foreach (var item in found) await output.WriteLineAsync(GoTemplate.Render(format, item));
        else await output.WriteLineAsync(Pretty(found));
        return failed ? 1 : 0;
    }

    private static async Task<int> Remove(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, [], ["--force|-f"]);
        if (a.Positional.Count == 0) throw new CliException("\"network rm\" requires at least 1 argument");
        var failed = false;
        foreach (var name in a.Positional)
        {
            try
            {
                await client.DeleteAsync($"/networks/{ApiClient.Query(name)}");
                await output.WriteLineAsync(name);
            }
            catch (ApiException error) when (!(a.Has("--force") && error.Status == 404))
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    private static async Task<int> Connect(ApiClient client, IReadOnlyList<string> args)
    {
        var a = CliArgs.Parse(args, ["--ip", "--alias", "--ip6", "--link", "--link-local-ip", "--driver-opt"], []);
        if (a.Positional.Count != 2) throw new CliException("\"network connect\" requires exactly 2 arguments: NETWORK CONTAINER");
        var body = new ApiNetworkConnect(a.Positional[1], new ApiEndpointConfig
        {
            IPAMConfig = a.Value("--ip") is { } ip ? new ApiEndpointIpam(ip, null) : null,
            Aliases = a.Values("--alias").Count > 0 ? [.. a.Values("--alias")] : null,
        });
        using var _ = await client.SendAsync(HttpMethod.Post, $"/networks/{ApiClient.Query(a.Positional[0])}/connect", JsonContent.Create(body, ApiJson.Default.ApiNetworkConnect));
        return 0;
    }

    private static async Task<int> Disconnect(ApiClient client, IReadOnlyList<string> args)
    {
        var a = CliArgs.Parse(args, [], ["--force|-f"]);
        if (a.Positional.Count != 2) throw new CliException("\"network disconnect\" requires exactly 2 arguments: NETWORK CONTAINER");
        var body = new ApiNetworkDisconnect(a.Positional[1], a.Has("--force"));
        using var _ = await client.SendAsync(HttpMethod.Post, $"/networks/{ApiClient.Query(a.Positional[0])}/disconnect", JsonContent.Create(body, ApiJson.Default.ApiNetworkDisconnect));
        return 0;
    }

    private static async Task<int> Prune(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        var a = CliArgs.Parse(args, ["--filter"], ["--force|-f"]);
        if (!await PruneVerbs.Confirm(a, output, input, "WARNING! This will remove all custom networks not used by at least one container.")) return 0;
        // The filters go to the daemon: parsed and dropped, --filter label=x would prune every unused network.
        var pruned = await client.PostJsonAsync("/networks/prune" + PruneVerbs.Filters(a.Values("--filter")), null, ApiJson.Default.ApiNetworksPruned);
        await PruneVerbs.Section(output, "Deleted Networks:", pruned.NetworksDeleted);
        return 0;
    }

    private static Dictionary<string, string>? Pairs(IReadOnlyList<string> values) => values.Count == 0
        ? null
        : values.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    private static string Pretty(List<JsonElement> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var item in items) item.WriteTo(writer);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
