namespace Berth.Native.Network;

/// <summary>
/// The network boundary: a container's sandbox (network namespace, CNI attachments, hosts /
/// resolv.conf / hostname files). Everything a sandbox holds is found again from the container id,
/// so <see cref="ReleaseAsync"/> is idempotent and safe after a crash at any point.
/// </summary>
public interface INetworkSandboxes
{
    Task<SandboxInfo> AllocateAsync(SandboxRequest request, CancellationToken cancellationToken);

    Task ReleaseAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches the live sandbox of <paramref name="containerId"/> to one more network (CNI ADD of a
    /// new interface into its namespace). Conflict when it is already attached to it, or holds no
    /// namespace of its own (none/host/container modes).
    /// </summary>
    Task<SandboxEndpoint> ConnectAsync(string containerId, SandboxNetworkRequest network, CancellationToken cancellationToken);

    /// <summary>Detaches the sandbox from a network (CNI DEL); attachments to other networks stay.</summary>
    Task DisconnectAsync(string containerId, string network, CancellationToken cancellationToken);
}

/// <summary>
/// One network to attach: a reference (name, id or id prefix) resolved by the sandbox provider,
/// an optional static IPv4 address (<c>--ip</c>; user-defined networks only, as Docker) and the
/// extra names the container answers to on it (<c>--network-alias</c>).
/// </summary>
public sealed record SandboxNetworkRequest(string Network, string? IPv4Address = null, IReadOnlyList<string>? Aliases = null);

/// <summary>Docker's <c>--dns</c>, <c>--dns-search</c>, <c>--dns-option</c>: each replaces that part of the host's resolv.conf.</summary>
public sealed record DnsRequest(
    IReadOnlyList<string>? Servers = null,
    IReadOnlyList<string>? Search = null,
    IReadOnlyList<string>? Options = null);

/// <summary>
/// What a sandbox must provide: the network mode (<c>bridge</c>/<c>default</c>/empty, <c>none</c>,
/// <c>host</c>, <c>container:&lt;full id&gt;</c>, or a network's name or id), the names the
/// container answers to, and the ports to publish (ignored for <c>none</c>, <c>host</c> and
/// <c>container:</c>, as Docker discards them). <paramref name="Networks"/> lists the networks to
/// attach (the first gets eth0); when null or empty, the network named by the mode.
/// </summary>
public sealed record SandboxRequest(
    string ContainerId,
    string NetworkMode,
    string Hostname,
    string? Domainname,
    IReadOnlyList<SandboxPortRequest>? Ports = null)
{
    /// <summary>The container's name: with its aliases and short id, what peers resolve on DNS-enabled networks.</summary>
    public string? ContainerName { get; init; }

    public IReadOnlyList<SandboxNetworkRequest>? Networks { get; init; }

    public DnsRequest? Dns { get; init; }

    /// <summary>Docker's <c>--add-host</c> entries, "host:ip" (<c>host-gateway</c> = the first network's gateway).</summary>
    public IReadOnlyList<string>? ExtraHosts { get; init; }
}

/// <summary>
/// One port to publish: <paramref name="HostPort"/> 0 picks a free port; a null or empty
/// <paramref name="HostIp"/> means every host address (reported as 0.0.0.0).
/// </summary>
public sealed record SandboxPortRequest(int ContainerPort, string Protocol = "tcp", string? HostIp = null, int HostPort = 0);

/// <summary>
/// An allocated sandbox. <see cref="SandboxKey"/> is the path of the bind-mounted network namespace
/// the container must join, or "" for host mode (stay in the host's namespace).
/// </summary>
public sealed record SandboxInfo(
    string SandboxKey,
    IReadOnlyList<SandboxEndpoint> Endpoints,
    IReadOnlyList<SandboxPort> Ports,
    string? HostsPath,
    string? ResolvConfPath,
    string? HostnamePath);

/// <summary>One network attachment of a sandbox.</summary>
public sealed record SandboxEndpoint(string Network, string? IPAddress, int IPPrefixLen, string? Gateway, string? MacAddress)
{
    /// <summary>The network's id (null for the none/host pseudo-networks when unknown).</summary>
    public string? NetworkId { get; init; }

    /// <summary>The aliases the container has on this network (<c>--network-alias</c>).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
}

/// <summary>One published port of a sandbox, with the host port actually chosen.</summary>
public sealed record SandboxPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
