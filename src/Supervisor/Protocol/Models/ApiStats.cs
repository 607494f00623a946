using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>One sample of <c>GET /containers/{id}/stats</c>, in Docker's snake_case shape (cgroup v1 fields).</summary>
public sealed record ApiStats
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("read")] public required string Read { get; init; }
    [JsonPropertyName("preread")] public required string PreRead { get; init; }
    [JsonPropertyName("pids_stats")] public ApiPidsStats PidsStats { get; init; } = new(0, 0);
    [JsonPropertyName("blkio_stats")] public ApiBlkioStats BlkioStats { get; init; } = new([], []);
    [JsonPropertyName("num_procs")] public int NumProcs { get; init; }
    [JsonPropertyName("storage_stats")] public Dictionary<string, long> StorageStats { get; init; } = new();
    [JsonPropertyName("cpu_stats")] public ApiCpuStats CpuStats { get; init; } = ApiCpuStats.Zero;
    [JsonPropertyName("precpu_stats")] public ApiCpuStats PreCpuStats { get; init; } = ApiCpuStats.Zero;
    [JsonPropertyName("memory_stats")] public ApiMemoryStats MemoryStats { get; init; } = new();
    [JsonPropertyName("networks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, ApiNetworkStats>? Networks { get; init; }
}

public sealed record ApiPidsStats([property: JsonPropertyName("current")] ulong Current, [property: JsonPropertyName("limit")] ulong Limit);

public sealed record ApiBlkioStats(
    [property: JsonPropertyName("io_service_bytes_recursive")] List<ApiBlkioEntry> IoServiceBytesRecursive,
    [property: JsonPropertyName("io_serviced_recursive")] List<ApiBlkioEntry> IoServicedRecursive);

public sealed record ApiBlkioEntry(
    [property: JsonPropertyName("major")] ulong Major, [property: JsonPropertyName("minor")] ulong Minor,
    [property: JsonPropertyName("op")] string Op, [property: JsonPropertyName("value")] ulong Value);

public sealed record ApiCpuStats(
    [property: JsonPropertyName("cpu_usage")] ApiCpuUsage CpuUsage,
    [property: JsonPropertyName("system_cpu_usage")] ulong SystemCpuUsage,
    [property: JsonPropertyName("online_cpus")] int OnlineCpus,
    [property: JsonPropertyName("throttling_data")] ApiThrottling ThrottlingData)
{
    public static readonly ApiCpuStats Zero = new(new ApiCpuUsage(0, [], 0, 0), 0, 0, new ApiThrottling(0, 0, 0));
}

public sealed record ApiCpuUsage(
    [property: JsonPropertyName("total_usage")] ulong TotalUsage,
    [property: JsonPropertyName("percpu_usage")] List<ulong> PerCpuUsage,
    [property: JsonPropertyName("usage_in_kernelmode")] ulong UsageInKernelmode,
    [property: JsonPropertyName("usage_in_usermode")] ulong UsageInUsermode);

public sealed record ApiThrottling(
    [property: JsonPropertyName("periods")] ulong Periods,
    [property: JsonPropertyName("throttled_periods")] ulong ThrottledPeriods,
    [property: JsonPropertyName("throttled_time")] ulong ThrottledTime);

public sealed record ApiMemoryStats
{
    [JsonPropertyName("usage")] public ulong Usage { get; init; }
    [JsonPropertyName("max_usage")] public ulong MaxUsage { get; init; }
    [JsonPropertyName("stats")] public Dictionary<string, ulong> Stats { get; init; } = new();
    [JsonPropertyName("failcnt")] public ulong Failcnt { get; init; }
    [JsonPropertyName("limit")] public ulong Limit { get; init; }
}

public sealed record ApiNetworkStats(
    [property: JsonPropertyName("rx_bytes")] ulong RxBytes, [property: JsonPropertyName("rx_packets")] ulong RxPackets,
    [property: JsonPropertyName("rx_errors")] ulong RxErrors, [property: JsonPropertyName("rx_dropped")] ulong RxDropped,
    [property: JsonPropertyName("tx_bytes")] ulong TxBytes, [property: JsonPropertyName("tx_packets")] ulong TxPackets,
    [property: JsonPropertyName("tx_errors")] ulong TxErrors, [property: JsonPropertyName("tx_dropped")] ulong TxDropped);
