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
    bool StdinOnce = false);

/// <summary>A mount added to the container's DefaultSpec mounts: a bind of a host file or dir, or a tmpfs.</summary>
public sealed record TaskMount(string Destination, string Source, string Type = "bind", IReadOnlyList<string>? Options = null);

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

    /// <summary>The journaled process is alive (same pid, same start time).</summary>
    public sealed record Alive : TaskProbe;

    /// <summary>The process ended; the monitor recorded how.</summary>
    public sealed record Ended(TaskExit Exit) : TaskProbe;

    /// <summary>The process is gone and nothing recorded how it ended.</summary>
    public sealed record Lost(DateTimeOffset NoticedAt) : TaskProbe;
}
