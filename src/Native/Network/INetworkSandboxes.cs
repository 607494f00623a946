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

/// <summary>What a sandbox must provide: the network mode and the names the container answers to.</summary>
public sealed record SandboxRequest(string ContainerId, string NetworkMode, string Hostname, string? Domainname);

/// <summary>An allocated sandbox.</summary>
public sealed record SandboxInfo(
    string SandboxKey,
    IReadOnlyList<SandboxEndpoint> Endpoints,
    IReadOnlyList<SandboxPort> Ports,
    string? HostsPath,
    string? ResolvConfPath,
    string? HostnamePath);

/// <summary>One network attachment of a sandbox.</summary>
public sealed record SandboxEndpoint(string Network, string? IPAddress, int IPPrefixLen, string? Gateway, string? MacAddress);

/// <summary>One published port of a sandbox.</summary>
public sealed record SandboxPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
