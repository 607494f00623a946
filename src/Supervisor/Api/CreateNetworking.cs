using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Networks;
using Berth.Actors.Registry;
using Berth.Journal.Model;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary>
/// The network half of a container create, as Docker checks it: every network named (the mode's and
/// <c>NetworkingConfig.EndpointsConfig</c>'s) must exist (404), <c>--ip</c> and aliases only on
/// user-defined networks (400), <c>container:&lt;name&gt;</c> resolved to the full id (404 when
/// unknown). The result is the complete endpoint list, the mode's network first.
/// </summary>
internal static class CreateNetworking
{
    public static async Task<(HostConfig? Host, Rejected? Refusal)> Resolve(
        ActorGateway gateway, HostConfig host, ApiNetworkingConfig? networking, CancellationToken cancel)
    {
        var mode = host.NetworkMode;
        if (mode?.StartsWith("container:", StringComparison.Ordinal) == true)
        {
            var reply = await gateway.Registry(new ResolveContainer(mode["container:".Length..]), cancel);
            return reply is Resolved resolved ? (host with { NetworkMode = "container:" + resolved.Id }, null) : (null, reply as Rejected ?? Unexpected(reply));
        }
        var requested = (networking?.EndpointsConfig ?? new Dictionary<string, ApiEndpointConfig?>())
            .Select(kv => new EndpointSettings(kv.Key, Blank(kv.Value?.IPAMConfig?.IPv4Address), kv.Value?.Aliases is { Count: > 0 } a ? a : null))
            .ToList();
        if (!ContainerNetworks.IsNetwork(mode))
            return requested.Count == 0 ? (host, null) : (null, new Rejected(ErrorKind.InvalidParameter, $"conflicting options: endpoint settings cannot be used with network mode {mode}"));
        var primary = mode ?? "bridge";
        var ordered = requested.Where(r => r.Network == primary).DefaultIfEmpty(new EndpointSettings(primary))
            .Concat(requested.Where(r => r.Network != primary)).ToList();
        if (!gateway.HasNetworks) return (host with { EndpointsConfig = ordered }, null);
        var endpoints = new List<EndpointSettings>();
        foreach (var endpoint in ordered)
        {
            var reply = await gateway.Networks(new InspectNetwork(endpoint.Network), cancel);
            if (reply is not NetworkView view) return (null, reply as Rejected ?? Unexpected(reply));
            if (view.Name is "host" or "none")
                return (null, new Rejected(ErrorKind.InvalidParameter, $"container cannot be connected to network {view.Name} and to other networks"));
            if (view.Name == "bridge" && endpoint.IPv4Address is not null)
                return (null, new Rejected(ErrorKind.InvalidParameter, "user specified IP address is supported on user defined networks only"));
            if (view.Name == "bridge" && endpoint.Aliases is not null)
                return (null, new Rejected(ErrorKind.InvalidParameter, "network-scoped alias is supported only for containers in user defined networks"));
            if (endpoint.IPv4Address is { } ip && !(System.Net.IPAddress.TryParse(ip, out var parsed) && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
                return (null, new Rejected(ErrorKind.InvalidParameter, $"invalid IPv4 address: {ip}"));
            endpoints.Add(endpoint with { Network = view.Name });
        }
        return (host with { EndpointsConfig = endpoints }, null);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Rejected Unexpected(object reply) => new(ErrorKind.Internal, $"unexpected reply {reply.GetType().Name}");
}
