using System.Net;
using System.Net.Sockets;

namespace Berth.Native.Network;

/// <summary>
/// Resolves requested published ports to concrete host ports. An explicit host port must not be
/// held by another sandbox (Docker's "port is already allocated"); host port 0 takes a port the
/// kernel reports free (bind to port 0) that no sandbox holds. portmap itself reserves nothing: a
/// host process that binds the port later is shadowed by the DNAT rule, as with Docker's
/// userland-proxy disabled.
/// </summary>
public static class HostPorts
{
    private const int Attempts = 64;

    public static IReadOnlyList<SandboxPort> Resolve(IReadOnlyList<SandboxPortRequest> requests, IEnumerable<SandboxPort> taken)
    {
        var held = taken.ToList();
        var resolved = new List<SandboxPort>(requests.Count);
        foreach (var request in requests)
        {
            var (protocol, hostIp) = Validate(request);
            var port = request.HostPort != 0
                ? Claim(new SandboxPort(request.ContainerPort, protocol, hostIp, request.HostPort), held)
                : PickFree(request.ContainerPort, protocol, hostIp, held);
            held.Add(port);
            resolved.Add(port);
        }
        return resolved;
    }

    /// <summary>Whether two published ports would capture the same traffic.</summary>
    public static bool Overlaps(SandboxPort a, SandboxPort b) =>
        a.HostPort == b.HostPort && a.Protocol == b.Protocol
        && (a.HostIp == b.HostIp || a.HostIp == "0.0.0.0" || b.HostIp == "0.0.0.0");

    private static (string Protocol, string HostIp) Validate(SandboxPortRequest request)
    {
        var protocol = request.Protocol.ToLowerInvariant();
        if (protocol is not ("tcp" or "udp" or "sctp"))
            throw Invalid($"invalid protocol \"{request.Protocol}\" for port {request.ContainerPort}: tcp, udp or sctp");
        if (request.ContainerPort is < 1 or > 65535) throw Invalid($"invalid container port {request.ContainerPort}");
        if (request.HostPort is < 0 or > 65535) throw Invalid($"invalid host port {request.HostPort}");
        if (string.IsNullOrEmpty(request.HostIp)) return (protocol, "0.0.0.0");
        if (!IPAddress.TryParse(request.HostIp, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            throw Invalid($"invalid host IP \"{request.HostIp}\": the bridge network publishes IPv4 addresses only");
        return (protocol, address.ToString());
    }

    private static SandboxPort Claim(SandboxPort port, List<SandboxPort> held) =>
        held.Any(h => Overlaps(h, port))
            ? throw new NetworkException(NetworkErrorKind.Conflict, $"Bind for {port.HostIp}:{port.HostPort} failed: port is already allocated")
            : port;

    private static SandboxPort PickFree(int containerPort, string protocol, string hostIp, List<SandboxPort> held)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = new SandboxPort(containerPort, protocol, hostIp, KernelFreePort(protocol, hostIp));
            if (!held.Any(h => Overlaps(h, candidate))) return candidate;
        }
        throw new NetworkException(NetworkErrorKind.Conflict, $"no free host port for {containerPort}/{protocol} on {hostIp}");
    }

    private static int KernelFreePort(string protocol, string hostIp)
    {
        // sctp has no portable .NET socket; a port free for tcp is the best available guess.
        using var socket = protocol == "udp"
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(hostIp), 0));
        }
        catch (SocketException e)
        {
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"cannot publish on {hostIp}: {e.Message}", e);
        }
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static NetworkException Invalid(string message) => new(NetworkErrorKind.InvalidParameter, message);
}
