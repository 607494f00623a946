namespace Berth.Native.Runtime;

/// <summary>
/// The OCI runtime boundary of one container's task: bundle, monitor (conmon) and runtime
/// (crun/runc) calls. Stateless: everything it needs is the container id and what the caller
/// journaled. Every release (<see cref="DeleteAsync"/>) is idempotent.
/// </summary>
public interface ITaskRuntime
{
    /// <summary>Generates the OCI spec and writes the bundle; returns its path and the spec's digest.</summary>
    Task<BundleInfo> WriteBundleAsync(string containerId, TaskSpec spec, CancellationToken cancellationToken);

    /// <summary>Creates and starts the task under its monitor; returns once the init process runs.</summary>
    Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, CancellationToken cancellationToken);

    /// <summary>Completes when the init process has exited, with what the monitor recorded.</summary>
    Task<TaskExit> WaitForExitAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken);

    /// <summary>Sends a signal to the init process.</summary>
    Task SignalAsync(string containerId, int signal, CancellationToken cancellationToken);

    Task PauseAsync(string containerId, CancellationToken cancellationToken);

    Task ResumeAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Applies new cgroup limits to the running task (the runtime's <c>update</c>).</summary>
    Task UpdateAsync(string containerId, TaskResources resources, CancellationToken cancellationToken);

    /// <summary>Removes every trace of the task (runtime state, monitor, bundle). Idempotent.</summary>
    Task DeleteAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>At recovery: is the task the journal names still the one running, or how did it end?</summary>
    Task<TaskProbe> ProbeAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(string, BundleInfo, TaskSpec, CancellationToken)"/>, running
    /// <paramref name="beforeStart"/> once the task exists (its stdio held by the monitor) and before
    /// its process runs: attaching there misses no output.
    /// </summary>
    Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, Func<CancellationToken, Task> beforeStart, CancellationToken cancellationToken);

    /// <summary>Connects to the init process's stdio (the monitor's attach socket). Valid while the task exists.</summary>
    Task<IAttachStream> AttachAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Resizes the init process's terminal (TTY containers).</summary>
    Task ResizeAsync(string containerId, int height, int width, CancellationToken cancellationToken);

    /// <summary>Launches an exec process in the running task under its own monitor, ready to attach and start.</summary>
    Task<IExecProcess> LaunchExecAsync(string containerId, string execId, ExecSpec spec, CancellationToken cancellationToken);
}
