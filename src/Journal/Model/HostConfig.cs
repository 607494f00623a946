namespace Berth.Journal.Model;

/// <summary>
/// The host-specific part of a container's configuration, in Docker's shape (the Engine API's
/// <c>HostConfig</c>). Carried by <see cref="Events.Created"/>; every field optional so that
/// additions never break replay.
/// </summary>
public sealed record HostConfig
{
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.No;
    public bool AutoRemove { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyList<string>? Binds { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>>? PortBindings { get; init; }
    public bool Privileged { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public string? Runtime { get; init; }
    public IReadOnlyList<string>? CapAdd { get; init; }
    public IReadOnlyList<string>? CapDrop { get; init; }
    public bool? Init { get; init; }

    // Networking (Docker's HostConfig fields of the same names).
    public IReadOnlyList<string>? Dns { get; init; }
    public IReadOnlyList<string>? DnsSearch { get; init; }
    public IReadOnlyList<string>? DnsOptions { get; init; }
    public IReadOnlyList<string>? ExtraHosts { get; init; }
    public bool PublishAllPorts { get; init; }

    /// <summary>The create request's <c>NetworkingConfig.EndpointsConfig</c>, in the order given (kept
    /// here so <c>Created</c> keeps its shape); connect/disconnect facts change it afterwards.</summary>
    public IReadOnlyList<EndpointSettings>? EndpointsConfig { get; init; }
}
