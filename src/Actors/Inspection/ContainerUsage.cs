namespace Berth.Actors.Inspection;

/// <summary>
/// One reading of a container's resource use for docker stats: CPU (ns), the host's CPU time and
/// CPU count, memory (bytes, memory.stat by name), pids, block I/O, and network counters per interface.
/// </summary>
public sealed record ContainerUsage(
    DateTimeOffset Read,
    ulong CpuTotal, IReadOnlyList<ulong> CpuPerCpu, ulong CpuKernel, ulong CpuUser,
    ulong ThrottlePeriods, ulong ThrottledPeriods, ulong ThrottledTime,
    ulong SystemCpu, int OnlineCpus,
    ulong MemoryUsage, ulong MemoryMaxUsage, ulong MemoryLimit, ulong MemoryFailcnt, IReadOnlyDictionary<string, ulong> MemoryStat,
    ulong PidsCurrent, ulong PidsLimit,
    IReadOnlyList<BlkioValue> IoServiceBytes, IReadOnlyList<BlkioValue> IoServiced,
    IReadOnlyList<NetworkCounters> Networks);

/// <summary>One blkio counter: device, operation, value.</summary>
public sealed record BlkioValue(ulong Major, ulong Minor, string Op, ulong Value);

/// <summary>One network interface's counters inside the container.</summary>
public sealed record NetworkCounters(string Name, ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped,
    ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);
