namespace Berth.Supervisor.Api.Models;

/// <summary>One item of <c>HostConfig.Mounts</c> (docker's mount.Mount).</summary>
public sealed record ApiMount
{
    public string? Type { get; init; }
    public string? Source { get; init; }
    public string? Target { get; init; }
    public bool ReadOnly { get; init; }
    public ApiBindOptions? BindOptions { get; init; }
    public ApiVolumeOptions? VolumeOptions { get; init; }
    public ApiTmpfsOptions? TmpfsOptions { get; init; }
}

public sealed record ApiBindOptions(string? Propagation);

public sealed record ApiVolumeOptions(bool NoCopy, Dictionary<string, string>? Labels = null);

public sealed record ApiTmpfsOptions(long SizeBytes, int Mode);

/// <summary>One <c>HostConfig.Ulimits</c> item.</summary>
public sealed record ApiUlimit(string Name, long Soft, long Hard);

/// <summary>One <c>HostConfig.Devices</c> item.</summary>
public sealed record ApiDeviceMapping(string PathOnHost, string? PathInContainer, string? CgroupPermissions);

/// <summary><c>HostConfig.LogConfig</c>.</summary>
public sealed record ApiLogConfig(string Type, Dictionary<string, string>? Config);

/// <summary>One item of inspect's <c>Mounts</c> (docker's MountPoint).</summary>
public sealed record ApiMountPoint(
    string Type, string Name, string Source, string Destination, string Driver, string Mode, bool RW, string Propagation);

/// <summary>Body of <c>POST /containers/{id}/update</c>: the resources and restart policy to change (absent = unchanged).</summary>
public sealed record ApiUpdateConfig
{
    public long? Memory { get; init; }
    public long? MemorySwap { get; init; }
    public long? CpuShares { get; init; }
    public long? NanoCpus { get; init; }
    public long? CpuQuota { get; init; }
    public long? CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    public long? PidsLimit { get; init; }
    public ApiRestartPolicy? RestartPolicy { get; init; }
}

/// <summary>Reply of update and of volume create errors' siblings: docker's <c>{"Warnings": []}</c>.</summary>
public sealed record ApiWarnings(List<string> Warnings);
