namespace Berth.Native.Runtime;

/// <summary>docker's <c>--ulimit</c> names and the kernel's RLIMIT_ names (and their labels in /proc/&lt;pid&gt;/limits).</summary>
public static class RlimitNames
{
    /// <summary>docker's name → the OCI rlimit type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByDockerName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["core"] = "RLIMIT_CORE", ["cpu"] = "RLIMIT_CPU", ["data"] = "RLIMIT_DATA", ["fsize"] = "RLIMIT_FSIZE",
        ["locks"] = "RLIMIT_LOCKS", ["memlock"] = "RLIMIT_MEMLOCK", ["msgqueue"] = "RLIMIT_MSGQUEUE",
        ["nice"] = "RLIMIT_NICE", ["nofile"] = "RLIMIT_NOFILE", ["nproc"] = "RLIMIT_NPROC", ["rss"] = "RLIMIT_RSS",
        ["rtprio"] = "RLIMIT_RTPRIO", ["rttime"] = "RLIMIT_RTTIME", ["sigpending"] = "RLIMIT_SIGPENDING",
        ["stack"] = "RLIMIT_STACK", ["as"] = "RLIMIT_AS",
    };

    /// <summary>The row labels of /proc/&lt;pid&gt;/limits → the OCI rlimit type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByProcLabel = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Max cpu time"] = "RLIMIT_CPU", ["Max file size"] = "RLIMIT_FSIZE", ["Max data size"] = "RLIMIT_DATA",
        ["Max stack size"] = "RLIMIT_STACK", ["Max core file size"] = "RLIMIT_CORE", ["Max resident set"] = "RLIMIT_RSS",
        ["Max processes"] = "RLIMIT_NPROC", ["Max open files"] = "RLIMIT_NOFILE", ["Max locked memory"] = "RLIMIT_MEMLOCK",
        ["Max address space"] = "RLIMIT_AS", ["Max file locks"] = "RLIMIT_LOCKS", ["Max pending signals"] = "RLIMIT_SIGPENDING",
        ["Max msgqueue size"] = "RLIMIT_MSGQUEUE", ["Max nice priority"] = "RLIMIT_NICE", ["Max realtime priority"] = "RLIMIT_RTPRIO",
        ["Max realtime timeout"] = "RLIMIT_RTTIME",
    };
}
