using Berth.Journal.Model;
using Berth.Native.Network;

namespace Berth.Actors.Containers;

/// <summary>A container's state as the sandbox request for its next start, and a sandbox's endpoint as journaled.</summary>
public static class SandboxRequests
{
    public static SandboxRequest From(ContainerState state)
    {
        var host = state.HostConfig;
        var mode = host.NetworkMode ?? "bridge";
        var networks = ContainerNetworks.Configured(state);
        // Disconnected from every network: only loopback remains, as Docker leaves it.
        if (ContainerNetworks.IsNetwork(mode) && networks.Count == 0) mode = "none";
        return new SandboxRequest(state.Id, mode, TaskSpecFactory.Hostname(state), state.Config.Domainname, PublishedPorts.From(state.HostConfig, state.Config))
        {
            ContainerName = state.Name,
            Networks = [.. networks.Select(n => new SandboxNetworkRequest(n.Network, n.IPv4Address, n.Aliases))],
            Dns = new DnsRequest(host.Dns, host.DnsSearch, host.DnsOptions),
            ExtraHosts = host.ExtraHosts,
        };
    }

    public static NetworkEndpoint ToJournal(SandboxEndpoint e) =>
        new(e.Network, e.IPAddress, e.IPPrefixLen, e.Gateway, e.MacAddress) { NetworkId = e.NetworkId, Aliases = e.Aliases };
}
