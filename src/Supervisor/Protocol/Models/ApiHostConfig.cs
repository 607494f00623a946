namespace Berth.Supervisor.Api.Models;

/// <summary>Docker's <c>HostConfig</c> on the wire (create body, inspect).</summary>
public sealed record ApiHostConfig
{
    public List<string>? Binds { get; init; }
    public string? NetworkMode { get; init; }
    public Dictionary<string, List<ApiPortBinding>?>? PortBindings { get; init; }
    public ApiRestartPolicy? RestartPolicy { get; init; }
    public bool AutoRemove { get; init; }
    public bool Privileged { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public string? Runtime { get; init; }
    public List<string>? CapAdd { get; init; }
    public List<string>? CapDrop { get; init; }
    public bool? Init { get; init; }
    public List<ApiMount>? Mounts { get; init; }
    public Dictionary<string, string>? Tmpfs { get; init; }
    public long Memory { get; init; }
    public long MemorySwap { get; init; }
    public long CpuShares { get; init; }
    public long NanoCpus { get; init; }
    public long CpuQuota { get; init; }
    public long CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    public long? PidsLimit { get; init; }
    public List<ApiUlimit>? Ulimits { get; init; }
    public List<ApiDeviceMapping>? Devices { get; init; }
    public List<string>? GroupAdd { get; init; }
    public string? PidMode { get; init; }
    public string? IpcMode { get; init; }
    public string? UTSMode { get; init; }
    public int OomScoreAdj { get; init; }
    public List<string>? SecurityOpt { get; init; }
    public Dictionary<string, string>? Sysctls { get; init; }
    public long ShmSize { get; init; }
    public List<int>? ConsoleSize { get; init; }
    public ApiLogConfig? LogConfig { get; init; }
    public List<string>? Dns { get; init; }
    public List<string>? DnsSearch { get; init; }
    public List<string>? DnsOptions { get; init; }
    public List<string>? ExtraHosts { get; init; }
    public bool PublishAllPorts { get; init; }
}

/// <summary>One host binding of a published port.</summary>
public sealed record ApiPortBinding(string? HostIp, string? HostPort);

/// <summary>Docker's restart policy object.</summary>
public sealed record ApiRestartPolicy(string? Name, int MaximumRetryCount);
