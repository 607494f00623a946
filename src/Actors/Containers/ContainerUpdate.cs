using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>
/// <c>docker update</c>: new resources and/or restart policy (null = unchanged). A running container
/// has the resources applied by the runtime first; then <see cref="Journal.Events.Updated"/> is
/// journaled. Reply: <see cref="Done"/> or <see cref="Rejected"/>.
/// </summary>
public sealed record UpdateContainer : IContainerCommand
{
    public long? Memory { get; init; }
    public long? MemorySwap { get; init; }
    public long? CpuShares { get; init; }
    public long? NanoCpus { get; init; }
    public long? CpuQuota { get; init; }
    public long? CpuPeriod { get; init; }
    public string? CpusetCpus { get; init; }
    public long? PidsLimit { get; init; }
    public RestartPolicy? RestartPolicy { get; init; }

    /// <summary>The host config after this update.</summary>
    public HostConfig ApplyTo(HostConfig host) => host with
    {
        Memory = Memory ?? host.Memory,
        MemorySwap = MemorySwap ?? host.MemorySwap,
        CpuShares = CpuShares ?? host.CpuShares,
        NanoCpus = NanoCpus ?? host.NanoCpus,
        CpuQuota = CpuQuota ?? host.CpuQuota,
        CpuPeriod = CpuPeriod ?? host.CpuPeriod,
        CpusetCpus = CpusetCpus ?? host.CpusetCpus,
        PidsLimit = PidsLimit ?? host.PidsLimit,
        RestartPolicy = RestartPolicy ?? host.RestartPolicy,
    };

    /// <summary>Does the update touch a cgroup limit (something the runtime must apply to a running task)?</summary>
    public bool ChangesResources =>
        Memory is not null || MemorySwap is not null || CpuShares is not null || NanoCpus is not null
        || CpuQuota is not null || CpuPeriod is not null || CpusetCpus is not null || PidsLimit is not null;
}
