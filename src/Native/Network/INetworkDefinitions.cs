namespace Berth.Native.Network;

/// <summary>
/// The network-level boundary the Networks actor drives: publishing a network's definition where
/// sandboxes find it (its CNI conflist), removing what a network holds on the host (conflist,
/// Linux bridge, IPAM leases), and reading which sandboxes are attached to what. Every call is
/// idempotent: recovery republishes all definitions and removing twice is fine.
/// </summary>
public interface INetworkDefinitions
{
    /// <summary>The default network (Docker's "bridge") as this host configures it.</summary>
    BridgeNetwork DefaultNetwork { get; }

    /// <summary>Where subnets are picked from when a create names none ("base/size" entries).</summary>
    IReadOnlyList<string> AddressPools { get; }

    /// <summary>IPv4 destinations of the host's routing table: a new network must not overlap them.</summary>
    IReadOnlyList<string> HostRoutes();

    /// <summary>Makes exactly <paramref name="networks"/> joinable: writes their conflists, deletes any other.</summary>
    void PublishAll(IReadOnlyList<BridgeNetwork> networks);

    void Publish(BridgeNetwork network);

    /// <summary>Unpublishes the network and removes its bridge and leases. Absent parts are fine.</summary>
    Task RemoveAsync(BridgeNetwork network, CancellationToken cancellationToken);

    /// <summary>Every container attachment to a network, read from the sandbox records.</summary>
    IReadOnlyList<NetworkAttachment> Attachments();
}

/// <summary>One container attached to one network (network inspect's <c>Containers</c>).</summary>
public sealed record NetworkAttachment(
    string ContainerId, string? ContainerName, string Network, string? NetworkId, string? IPAddress, int IPPrefixLen, string? MacAddress);
