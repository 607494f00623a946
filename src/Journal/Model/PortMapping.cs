namespace Berth.Journal.Model;

/// <summary>A published port: <c>HostIp:HostPort</c> on the host forwards to <c>ContainerPort/Protocol</c>.</summary>
public sealed record PortMapping(int ContainerPort, string Protocol, string HostIp, int HostPort);
