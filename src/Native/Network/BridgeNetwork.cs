namespace Berth.Native.Network;

/// <summary>
/// A bridge network as the sandboxes need it: its CNI name, its Linux bridge, its IPv4 subnet and
/// gateway (the bridge's own address). The Networks actor owns the journaled definition; this is
/// its projection into the CNI configuration files (<see cref="NetworkConfigFiles"/>).
/// </summary>
/// <param name="Id">64 hex characters (Docker's network id).</param>
/// <param name="Name">The CNI network name, also the name users address it by.</param>
/// <param name="Internal">No masquerade and no default route: containers reach only their peers.</param>
/// <param name="Dns">Containers resolve each other by name and alias (user-defined networks, as Docker).</param>
public sealed record BridgeNetwork(
    string Id,
    string Name,
    string BridgeName,
    string Subnet,
    string Gateway,
    bool Internal = false,
    bool Dns = false,
    int? Mtu = null);
