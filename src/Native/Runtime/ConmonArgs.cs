namespace Berth.Native.Runtime;

/// <summary>
/// conmon's command line for creating a container, after Podman's sharedConmonArgs and
/// createOCIContainer (libpod/oci_conmon_common.go), minus what berth does itself (exit command,
/// syslog, systemd cgroups).
/// </summary>
internal static class ConmonArgs
{
    public static IReadOnlyList<string> ForCreate(string containerId, TaskPaths paths, string runtimePath, string runtimeStateRoot, bool tty, bool openStdin, string logLevel, long? logSizeMax = null, bool stdinOnce = false) =>
    [
        // API 1: the sync pipe carries {"data": pid, "message": error} JSON lines.
        "--api-version", "1",
        "-c", containerId,
        "-u", containerId,
        "-n", containerId,
        "-r", runtimePath,
        "-b", paths.BundleDir,
        "-p", paths.PidFile,
        "--conmon-pidfile", paths.MonitorPidFile,
        // The persist dir receives "exit" and "oom"; keeping it in the bundle means a bundle
        // delete removes every trace of the run.
        "--persist-dir", paths.BundleDir,
        // The attach socket stays <bundle>/attach instead of a truncated path under a socket dir.
        "--full-attach",
        "-l", "k8s-file:" + paths.LogFile,
        "--log-level", logLevel,
        // conmon starts the log afresh once it would grow past this (it keeps no rotated file).
        .. logSizeMax is > 0 ? ["--log-size-max", logSizeMax.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        // berth's runtime state lives apart from the host's /run/crun or /run/runc.
        "--runtime-arg", "--root",
        "--runtime-arg", runtimeStateRoot,
        .. tty ? ["-t"] : openStdin ? ["-i"] : Array.Empty<string>(),
        // Docker's StdinOnce: the first attached client's EOF closes the container's stdin; without
        // it stdin outlives every client, so `docker attach` can come back to it.
        .. openStdin && !stdinOnce ? ["--leave-stdin-open"] : Array.Empty<string>(),
    ];

    /// <summary>
    /// conmon's command line for an exec, after Podman's startExec: its own directory stands in for the
    /// bundle (attach socket, ctl fifo, pid and exit files), no log (Docker keeps exec output out of the
    /// container's log), and <c>--exec-attach</c> so the process starts only once the caller attached.
    /// </summary>
    public static IReadOnlyList<string> ForExec(string containerId, string execId, string execDir, string processFile, string runtimePath, string runtimeStateRoot, bool tty, bool stdin, string logLevel) =>
    [
        "--api-version", "1",
        "-c", containerId,
        "-u", execId,
        "-n", containerId,
        "-r", runtimePath,
        "-b", execDir,
        "-p", Path.Combine(execDir, "pid"),
        "--persist-dir", execDir,
        "--full-attach",
        "-l", "none",
        "--log-level", logLevel,
        "--runtime-arg", "--root",
        "--runtime-arg", runtimeStateRoot,
        .. tty ? ["-t"] : Array.Empty<string>(),
        .. stdin ? ["-i"] : Array.Empty<string>(),
        "-e",
        "--exec-attach",
        "--exec-process-spec", processFile,
    ];
}
