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
}

/// <summary>
/// What a sandbox must provide: the network mode (<c>bridge</c>/<c>default</c>/empty, <c>none</c>,
/// <c>host</c>), the names the container answers to, and the ports to publish (bridge mode only;
/// ignored for <c>none</c> and <c>host</c>, as Docker discards them).
/// </summary>
public sealed record SandboxRequest(
    string ContainerId,
    string NetworkMode,
    string Hostname,
    string? Domainname,
    IReadOnlyList<SandboxPortRequest>? Ports = null);

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
public sealed record SandboxEndpoint(string Network, string? IPAddress, int IPPrefixLen, string? Gateway, string? MacAddress);

/// <summary>One published port of a sandbox, with the host port actually chosen.</summary>
public sealed record SandboxPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
