using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>docker's checks of a container's resources (create and update), word for word where docker has words. Pure.</summary>
public static class ResourceRules
{
    public const long MinimumMemory = 6 * 1024 * 1024;

    /// <summary>The first refusal for <paramref name="host"/>; <paramref name="cpus"/> is the host's CPU count.</summary>
    public static string? Check(HostConfig host, int cpus)
    {
        if (host.Memory is > 0 and < MinimumMemory) return "Minimum memory limit allowed is 6MB";
        if (host.Memory < 0) return "invalid memory limit: must not be negative";
        if (host.MemorySwap is > 0 && host.Memory is null or 0) return "You should always set the Memory limit when using Memoryswap limit, see usage";
        if (host.MemorySwap is > 0 && host.MemorySwap < host.Memory) return "Minimum memoryswap limit should be larger than memory limit, see usage";
        if (host.NanoCpus is > 0 && host.CpuQuota is > 0) return "Conflicting options: Nano CPUs and CPU Quota cannot both be set";
        if (host.NanoCpus is > 0 && host.CpuPeriod is > 0) return "Conflicting options: Nano CPUs and CPU Period cannot both be set";
        if (host.NanoCpus < 0 || host.NanoCpus > cpus * 1_000_000_000L)
            return $"Range of CPUs is from 0.01 to {cpus}.00, as there are only {cpus} CPUs available";
        if (host.CpuShares < 0) return "invalid CPU shares: must not be negative";
        if (host.CpuPeriod is > 0 and (< 1000 or > 1_000_000)) return "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)";
        if (host.CpuQuota is > 0 and < 1000) return "CPU cfs quota can not be less than 1ms (i.e. 1000)";
        if (!string.IsNullOrEmpty(host.CpusetCpus) && CheckCpuset(host.CpusetCpus, cpus) is { } cpuset) return cpuset;
        if (host.ShmSize < 0) return "SHM size can not be less than 0";
        return null;
    }

    /// <summary>"0-2,4": every number and range well-formed and under the host's CPU count.</summary>
    private static string? CheckCpuset(string cpuset, int cpus)
    {
        foreach (var part in cpuset.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, out var n) && n >= 0)) return $"Invalid value {cpuset} for cpuset cpus";
            var (low, high) = (int.Parse(bounds[0]), int.Parse(bounds[^1]));
            if (high < low) return $"Invalid value {cpuset} for cpuset cpus";
            if (high >= cpus) return $"Requested CPUs are not available - requested {cpuset}, available: 0-{cpus - 1}";
        }
        return null;
    }
}
