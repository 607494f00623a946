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

    /// <summary><c>&lt;execRoot&gt;/netns</c>: one bind-mounted namespace file per sandbox.</summary>
    public string NetnsDir => Path.Combine(ExecRoot, "netns");

    /// <summary><c>&lt;dataRoot&gt;/network/sandboxes</c>: one intent/fact record per sandbox.</summary>
    public string SandboxRecordDir => Path.Combine(DataRoot, "network", "sandboxes");

    /// <summary><c>&lt;dataRoot&gt;/network/ipam</c>: host-local's lease directory (instead of /var/lib/cni).</summary>
    public string IpamDataDir => Path.Combine(DataRoot, "network", "ipam");

    /// <summary><c>&lt;dataRoot&gt;/containers/&lt;id&gt;</c>: hostname, hosts, resolv.conf, resolv.conf.hash.</summary>
    public string ContainerDir(string containerId) => Path.Combine(DataRoot, "containers", containerId);
}
