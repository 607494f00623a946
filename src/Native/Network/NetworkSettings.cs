namespace Berth.Native.Network;

/// <summary>
/// Where the network boundary keeps its state and how the default bridge network looks. Every path
/// is configurable; tests use temp roots and their own bridge name and subnet.
/// </summary>
/// <param name="ExecRoot">Runtime state (tmpfs, gone at reboot): the bind-mounted netns files.</param>
/// <param name="DataRoot">Durable state: sandbox records, IPAM leases, the per-container files.</param>
public sealed record NetworkSettings(string ExecRoot, string DataRoot)
{
    /// <summary>Where the CNI plugin binaries live (CNI_PATH; may hold several directories joined by ':').</summary>
    public string CniPluginDir { get; init; } = "/usr/lib/cni";

    /// <summary>The name the default network answers to (Docker's "bridge"); also the CNI network name.</summary>
    public string NetworkName { get; init; } = "bridge";

    /// <summary>The Linux bridge the default network's containers are attached to (Docker's docker0).</summary>
    public string BridgeName { get; init; } = "berth0";

    /// <summary>The IPv4 subnet host-local IPAM allocates from; the bridge takes its first address.</summary>
    public string Subnet { get; init; } = "10.88.0.0/16";

    /// <summary>MTU of the container interfaces; null leaves the bridge plugin's default (1500).</summary>
    public int? Mtu { get; init; }

    /// <summary>The host's resolver configuration, filtered into each container's resolv.conf.</summary>
    public string HostResolvConf { get; init; } = "/etc/resolv.conf";

    /// <summary>The host's hosts file, copied for containers in host network mode.</summary>
    public string HostHostsFile { get; init; } = "/etc/hosts";

    /// <summary>How long one plugin invocation may take before it is killed.</summary>
    public TimeSpan PluginTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where user-defined networks get their subnets when none is given, Docker's default pools:
    /// each entry "base/size" is split into networks of that prefix length, tried in order.
    /// </summary>
    public IReadOnlyList<string> AddressPools { get; init; } =
        ["172.17.0.0/16/16", "172.18.0.0/16/16", "172.19.0.0/16/16", "172.20.0.0/14/16", "172.24.0.0/14/16", "172.28.0.0/14/16", "192.168.0.0/16/20"];

    /// <summary>The aardvark-dns binary serving names on user-defined networks (Podman's DNS server).</summary>
    public string AardvarkPath { get; init; } = "/usr/lib/podman/aardvark-dns";

    /// <summary>The default network (Docker's "bridge"): no name resolution between containers, as Docker's.</summary>
    public BridgeNetwork DefaultNetwork => new(
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("berth-network:" + NetworkName + ":" + Subnet))),
        NetworkName, BridgeName, Subnet, FirstHost(Subnet), Mtu: Mtu);

    /// <summary><c>&lt;dataRoot&gt;/network/cni</c>: one CNI conflist per network.</summary>
    public string NetworkConfigDir => Path.Combine(DataRoot, "network", "cni");

    /// <summary><c>&lt;execRoot&gt;/network/aardvark</c>: aardvark-dns's configuration directory (runtime state).</summary>
    public string AardvarkConfigDir => Path.Combine(ExecRoot, "network", "aardvark");

    /// <summary><c>&lt;execRoot&gt;/netns</c>: one bind-mounted namespace file per sandbox.</summary>
    public string NetnsDir => Path.Combine(ExecRoot, "netns");

    /// <summary><c>&lt;dataRoot&gt;/network/sandboxes</c>: one intent/fact record per sandbox.</summary>
    public string SandboxRecordDir => Path.Combine(DataRoot, "network", "sandboxes");

    /// <summary><c>&lt;dataRoot&gt;/network/ipam</c>: host-local's lease directory (instead of /var/lib/cni).</summary>
    public string IpamDataDir => Path.Combine(DataRoot, "network", "ipam");

    /// <summary><c>&lt;dataRoot&gt;/containers/&lt;id&gt;</c>: hostname, hosts, resolv.conf, resolv.conf.hash.</summary>
    public string ContainerDir(string containerId) => Path.Combine(DataRoot, "containers", containerId);

    /// <summary>The first host address of an IPv4 subnet: the gateway the bridge plugin gives the bridge.</summary>
    public static string FirstHost(string subnet)
    {
        var network = System.Net.IPNetwork.Parse(subnet);
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[3]++;
        return new System.Net.IPAddress(bytes).ToString();
    }
}
