namespace Berth.Native.Runtime;

/// <summary>
/// Where the task runtime keeps its files and which programs it drives. Built once by the daemon
/// (<see cref="Discover"/>) and passed to <see cref="ConmonTaskRuntime"/>; tests build one over a
/// temp root. <see cref="Runtimes"/> maps a runtime name ("crun", "runc") to its absolute path.
/// </summary>
public sealed record RuntimeSettings(
    string ExecRoot,
    string DataRoot,
    string ConmonPath,
    IReadOnlyDictionary<string, string> Runtimes,
    string DefaultRuntime)
{
    public const string DefaultSeccompProfile = "/usr/share/containers/seccomp.json";

    /// <summary>The cgroup under which each container gets <c>&lt;parent&gt;/&lt;id&gt;</c> (cgroupfs driver).</summary>
    public string CgroupParent { get; init; } = "/berth";

    /// <summary>A containers/common seccomp profile applied to every container; null or missing file = no seccomp.</summary>
    public string? SeccompProfilePath { get; init; } = DefaultSeccompProfile;

    /// <summary>How often an exit watch looks for the monitor's exit file where the kernel has no pidfds.</summary>
    public TimeSpan ExitPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Whether exit watches wake on the monitor's end through pidfds (<see cref="Processes.ProcessExitWatch"/>);
    /// then they look only every <see cref="ExitSafetyNetInterval"/> besides.
    /// </summary>
    public bool UsePidfds { get; init; } = true;

    /// <summary>How often a pidfd-driven exit watch looks anyway, in case an event was missed.</summary>
    public TimeSpan ExitSafetyNetInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long conmon may take to report the created container's pid.</summary>
    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>conmon's --log-level: what it prints to its stderr before it detaches.</summary>
    public string ConmonLogLevel { get; init; } = "warning";

    /// <summary>The daemon's default cap on a container's log file (log-opts max-size); null = unlimited.</summary>
    public long? LogSizeMax { get; init; }

    /// <summary>The directory a runtime keeps its container state in: berth's own, never the host's /run/crun or /run/runc.</summary>
    public string RuntimeStateRoot(string runtime) => Path.Combine(ExecRoot, "runtime", runtime);

    /// <summary>Finds conmon, crun and runc on <paramref name="searchPath"/> (default: $PATH plus the sbin directories).</summary>
    public static RuntimeSettings Discover(string execRoot, string dataRoot, string defaultRuntime = "crun", string? searchPath = null)
    {
        var runtimes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "crun", "runc" })
            if (ExecutableLocator.Find(name, searchPath) is { } path) runtimes[name] = path;
        return new RuntimeSettings(execRoot, dataRoot, ExecutableLocator.Find("conmon", searchPath) ?? "conmon", runtimes, defaultRuntime);
    }
}
