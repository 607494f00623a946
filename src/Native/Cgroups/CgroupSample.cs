namespace Berth.Native.Cgroups;

/// <summary>
/// One reading of a container's cgroups, in the units Docker's stats use: CPU in nanoseconds,
/// memory in bytes (with memory.stat's counters by name), pids, and block I/O per device and op.
/// </summary>
public sealed record CgroupSample(
    ulong CpuTotal, IReadOnlyList<ulong> CpuPerCpu, ulong CpuKernel, ulong CpuUser,
    ulong ThrottlePeriods, ulong ThrottledPeriods, ulong ThrottledTime,
    ulong MemoryUsage, ulong MemoryMaxUsage, ulong MemoryLimit, ulong MemoryFailcnt, IReadOnlyDictionary<string, ulong> MemoryStat,
    ulong PidsCurrent, ulong PidsLimit,
    IReadOnlyList<BlkioEntry> IoServiceBytes, IReadOnlyList<BlkioEntry> IoServiced);

/// <summary>One line of a blkio file: device, operation (Read, Write, Sync, Async, Discard, Total), value.</summary>
public sealed record BlkioEntry(ulong Major, ulong Minor, string Op, ulong Value);
