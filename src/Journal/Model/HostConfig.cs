namespace Berth.Journal.Model;

/// <summary>
/// The host-specific part of a container's configuration, in Docker's shape (the Engine API's
/// <c>HostConfig</c>, its resources flattened in as Docker does). Carried by
/// <see cref="Events.Created"/> and <see cref="Events.Updated"/>; every field optional (null = not
/// set, Docker's default) so that additions never break replay.
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

    // Mounts beside Binds.
    public IReadOnlyList<MountSpec>? Mounts { get; init; }
    /// <summary>Container path → tmpfs options ("size=64m,mode=1777"), as <c>--tmpfs</c>.</summary>
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }

    // Resources, in Docker's units: bytes, CPU shares, billionths of a CPU, microseconds.
    public long? Memory { get; init; }
    /// <summary>Memory plus swap; -1 = unlimited swap; null with Memory set = twice Memory (Docker's default).</summary>
    public long? MemorySwap { get; init; }
    public long? CpuShares { get; init; }
    public long? NanoCpus { get; init; }
    public long? CpuQuota { get; init; }
    public long? CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    /// <summary>Zero or negative = unlimited.</summary>
    public long? PidsLimit { get; init; }
    public IReadOnlyList<Ulimit>? Ulimits { get; init; }
    public IReadOnlyList<DeviceMapping>? Devices { get; init; }

    // Identity and isolation.
    public IReadOnlyList<string>? GroupAdd { get; init; }
    /// <summary>"" (private), "host" or "container:&lt;ref&gt;".</summary>
    public string? PidMode { get; init; }
    /// <summary>"" / "private" / "shareable", "host" or "container:&lt;ref&gt;".</summary>
    public string? IpcMode { get; init; }
    /// <summary>"" (private) or "host".</summary>
    public string? UTSMode { get; init; }
    public int? OomScoreAdj { get; init; }
    /// <summary>Docker's <c>--security-opt</c> strings; <c>seccomp=</c> carries the profile's JSON, as docker's CLI sends it.</summary>
    public IReadOnlyList<string>? SecurityOpt { get; init; }
    public IReadOnlyDictionary<string, string>? Sysctls { get; init; }
    /// <summary>/dev/shm's size in bytes; null = 64 MiB.</summary>
    public long? ShmSize { get; init; }
    /// <summary>[height, width] of a TTY container's terminal at start (the client's), so the first output is laid out right before any resize arrives.</summary>
    public IReadOnlyList<int>? ConsoleSize { get; init; }
    public LogConfig? LogConfig { get; init; }

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
