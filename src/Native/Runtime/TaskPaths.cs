namespace Berth.Native.Runtime;

/// <summary>
/// Where one container's task files live. The bundle directory (exec root, tmpfs) holds what lives
/// as long as a run: config.json, pid files, conmon's exit and oom files, attach socket, ctl fifo.
/// The log lives under the data root, so it survives runs and reboots until the container is removed.
/// </summary>
public sealed record TaskPaths(string BundleDir, string LogFile)
{
    public string ConfigFile => Path.Combine(BundleDir, "config.json");

    /// <summary>The init process's pid, written by the runtime at create.</summary>
    public string PidFile => Path.Combine(BundleDir, "pidfile");

    /// <summary>conmon's own pid, written by conmon once it has detached.</summary>
    public string MonitorPidFile => Path.Combine(BundleDir, "conmon.pid");

    /// <summary>The exit status, written by conmon (its --persist-dir) when the init process ends.</summary>
    public string ExitFile => Path.Combine(BundleDir, "exit");

    /// <summary>Created (empty) by conmon when the container's memory cgroup saw an OOM kill.</summary>
    public string OomFile => Path.Combine(BundleDir, "oom");

    public static TaskPaths For(RuntimeSettings settings, string containerId)
    {
        ValidateId(containerId);
        return new TaskPaths(
            Path.Combine(settings.ExecRoot, "containers", containerId),
            Path.Combine(settings.DataRoot, "containers", containerId, "container.log"));
    }

    /// <summary>Ids become path components and runtime arguments: letters, digits, '_', '.', '-', not starting with a dot.</summary>
    public static void ValidateId(string containerId)
    {
        var valid = containerId.Length is > 0 and <= 128
            && char.IsAsciiLetterOrDigit(containerId[0])
            && containerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
        if (!valid) throw new RuntimeException("validate", $"invalid container id '{containerId}'", kind: RuntimeErrorKind.InvalidArgument);
    }
}
