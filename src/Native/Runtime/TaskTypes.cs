namespace Berth.Native.Runtime;

// Values exchanged with ITaskRuntime: plain data, no behaviour.

/// <summary>What the runtime needs to run a container's init process, after every merge rule was applied.</summary>
public sealed record TaskSpec(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string WorkingDir,
    string? User,
    string Hostname,
    bool Tty,
    bool OpenStdin,
    string RootfsPath,
    bool ReadonlyRootfs,
    string? NetnsPath,
    string Runtime,
    bool HostNetwork = false,
    IReadOnlyList<TaskMount>? Mounts = null,
    bool StdinOnce = false)
{
    /// <summary>Capabilities, privileged mode, no-new-privileges and seccomp.</summary>
    public TaskSecurity Security { get; init; } = TaskSecurity.Default;

    /// <summary>cgroup limits (memory, CPU, pids); all null = unlimited.</summary>
    public TaskResources Resources { get; init; } = TaskResources.Unlimited;

    /// <summary>The pid, ipc and uts namespaces: new (null), the host's ("host"), or one to join (a /proc/&lt;pid&gt;/ns path).</summary>
    public TaskNamespaces Namespaces { get; init; } = TaskNamespaces.Private;

    /// <summary>Resource limits asked for; none = the daemon's own are inherited.</summary>
    public IReadOnlyList<TaskRlimit> Rlimits { get; init; } = [];

    /// <summary>Extra groups (names from the image's /etc/group, or numbers) added to the user's.</summary>
    public IReadOnlyList<string> GroupAdd { get; init; } = [];

    /// <summary>Host device nodes made available (<c>--device</c>).</summary>
    public IReadOnlyList<TaskDevice> Devices { get; init; } = [];

    /// <summary>Namespaced kernel parameters.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>Run an init (tini) as pid 1 that reaps zombies and forwards signals, as <c>docker run --init</c>.</summary>
    public bool Init { get; init; }

    public int? OomScoreAdj { get; init; }

    /// <summary>/dev/shm's size in bytes; null = 64 MiB.</summary>
    public long? ShmSizeBytes { get; init; }

    /// <summary>[height, width] of the TTY at start (OCI <c>process.consoleSize</c>); null = the runtime's default.</summary>
    public IReadOnlyList<int>? ConsoleSize { get; init; }

    /// <summary>The log file's size cap (conmon --log-size-max); null = unlimited.</summary>
    public long? LogSizeMax { get; init; }
}

/// <summary>
/// A mount added to the container's DefaultSpec mounts (replacing a default at the same destination):
/// a bind of a host file or dir, or a tmpfs. <c>CreateSource</c>: make a missing host directory
/// first (docker's <c>-v</c> and volumes); <c>CopyUp</c>: fill an empty source directory with what the
/// image has at the destination (a volume's first mount).
/// </summary>
public sealed record TaskMount(string Destination, string Source, string Type = "bind", IReadOnlyList<string>? Options = null)
{
    public bool CreateSource { get; init; }

    public bool CopyUp { get; init; }
}

/// <summary>
/// The container's privileges. <c>CapAdd</c>/<c>CapDrop</c> in docker's spelling (ALL, with or without
/// CAP_). <c>Seccomp</c>: null = the daemon's default profile, "unconfined" = none, else the JSON of a profile.
/// </summary>
public sealed record TaskSecurity(
    bool Privileged = false,
    IReadOnlyList<string>? CapAdd = null,
    IReadOnlyList<string>? CapDrop = null,
    bool NoNewPrivileges = false,
    string? Seccomp = null)
{
    public const string Unconfined = "unconfined";

    public static readonly TaskSecurity Default = new();
}

/// <summary>cgroup limits in the kernel's units: bytes, CPU shares, CFS quota/period in microseconds.</summary>
public sealed record TaskResources(
    long? MemoryBytes = null,
    long? MemorySwapBytes = null,
    long? CpuShares = null,
    long? CpuQuota = null,
    long? CpuPeriod = null,
    string? CpusetCpus = null,
    long? PidsLimit = null)
{
    public static readonly TaskResources Unlimited = new();

    public bool IsUnlimited => this == Unlimited;
}

/// <summary>Where the pid, ipc and uts namespaces come from: null = a new one, "host" = the host's, else a path to join.</summary>
public sealed record TaskNamespaces(string? Pid = null, string? Ipc = null, string? Uts = null)
{
    public const string Host = "host";

    public static readonly TaskNamespaces Private = new();
}

/// <summary>One rlimit: the kernel's name (RLIMIT_NOFILE) and its limits.</summary>
public sealed record TaskRlimit(string Type, ulong Soft, ulong Hard);

/// <summary>A host device node to create in the container, and the cgroup access granted to it (r, w, m).</summary>
public sealed record TaskDevice(string PathOnHost, string PathInContainer, string Permissions);

/// <summary>The written bundle: its directory and the SHA-256 of its config.json.</summary>
public sealed record BundleInfo(string BundlePath, string SpecDigest);

/// <summary>The running task: init pid, its start time (to detect pid reuse) and the monitor's pid.</summary>
public sealed record TaskHandle(int Pid, long PidStartTime, int MonitorPid);

/// <summary>How the init process ended.</summary>
public sealed record TaskExit(int ExitCode, bool OomKilled, DateTimeOffset FinishedAt);

/// <summary>The answer to <see cref="ITaskRuntime.ProbeAsync"/>.</summary>
public abstract record TaskProbe
{
    private TaskProbe() { }

    /// <summary>The journaled process is alive (same pid, same start time); <c>Frozen</c>: its cgroup is frozen
    /// (paused), whatever the journal last said.</summary>
    public sealed record Alive(bool Frozen = false) : TaskProbe;

    /// <summary>The process ended; the monitor recorded how.</summary>
    public sealed record Ended(TaskExit Exit) : TaskProbe;

    /// <summary>The process is gone and nothing recorded how it ended.</summary>
    public sealed record Lost(DateTimeOffset NoticedAt) : TaskProbe;
}
