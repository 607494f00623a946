using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// The CNI plugin configurations berth executes, already in request form (spec §3 "Deriving request
/// configuration"): <c>cniVersion</c> and <c>name</c> inserted, <c>runtimeConfig</c> filled in,
/// no <c>capabilities</c>. A sandbox record stores them verbatim, so DEL runs exactly what ADD ran.
/// </summary>
public static class CniPluginConfigs
{
    /// <summary>The newest protocol version the installed plugins (1.1.x) speak.</summary>
    public const string CniVersion = "1.0.0";

    /// <summary>
    /// The CNI loopback plugin's configuration, as the first attachment of sandbox records written
    /// by earlier versions (<c>lo</c> is now brought up in-process, see <see cref="NetworkNamespaces"/>).
    /// </summary>
    public static JsonObject Loopback() => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = "loopback",
        ["type"] = "loopback",
    };

    /// <summary>The default network's bridge configuration.</summary>
    public static JsonObject Bridge(NetworkSettings settings) => Bridge(settings.DefaultNetwork, settings.IpamDataDir);

    /// <summary>
    /// A bridge network as Docker makes one: a veth into the network's Linux bridge, the bridge as
    /// gateway (masquerade is the network's, see <see cref="NetworkMasquerade"/>), hairpin so
    /// a container reaches itself through a published port; host-local IPAM with its leases under
    /// the data root. <paramref name="staticAddress"/> asks host-local for that address (<c>--ip</c>).
    /// </summary>
    public static JsonObject Bridge(BridgeNetwork network, string ipamDataDir, string? staticAddress = null)
    {
        var prefix = network.Subnet[(network.Subnet.IndexOf('/') + 1)..];
        var ipam = new JsonObject
        {
            ["type"] = "host-local",
            ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = network.Subnet, ["gateway"] = network.Gateway })),
            ["dataDir"] = ipamDataDir,
        };
        if (!network.Internal) ipam["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" });
        var config = new JsonObject
        {
            ["cniVersion"] = CniVersion,
            ["name"] = network.Name,
            ["type"] = "bridge",
            ["bridge"] = network.BridgeName,
            ["isGateway"] = true,
            // Masquerade is one rule per network (NetworkMasquerade), not the plugin's chain per container.
            ["ipMasq"] = false,
            ["hairpinMode"] = true,
            ["ipam"] = ipam,
        };
        if (network.Mtu is { } mtu) config["mtu"] = mtu;
        if (staticAddress is not null)
            config["runtimeConfig"] = new JsonObject { ["ips"] = new JsonArray(JsonValue.Create(staticAddress + "/" + prefix)) };
        return config;
    }

    /// <summary>
    /// DNAT from the host ports to the container. <c>snat</c> (the default, spelled out) marks
    /// hairpin and 127.0.0.1 connections for masquerade and sets route_localnet on the bridge, so
    /// <c>127.0.0.1:hostPort</c> reaches the container as Docker users expect.
    /// </summary>
    public static JsonObject Portmap(string networkName, IReadOnlyList<SandboxPort> ports) => new()
    {
        ["cniVersion"] = CniVersion,
        ["name"] = networkName,
        ["type"] = "portmap",
        ["snat"] = true,
        ["runtimeConfig"] = new JsonObject
        {
            ["portMappings"] = new JsonArray([.. ports.Select(PortMapping)]),
        },
    };

    private static JsonNode PortMapping(SandboxPort port)
    {
        var mapping = new JsonObject
        {
            ["hostPort"] = port.HostPort,
            ["containerPort"] = port.ContainerPort,
            ["protocol"] = port.Protocol,
        };
        // portmap adds "-d hostIP" unless the address is unspecified; omit it for "every address".
        if (port.HostIp is not ("" or "0.0.0.0")) mapping["hostIP"] = port.HostIp;
        return mapping;
    }
}
