namespace Berth.Journal.Model;

/// <summary>Docker's <c>HostConfig.PortBindings</c> value: where on the host a container port is published (empty = any / random).</summary>
public sealed record PortBinding(string? HostIp, string? HostPort);
