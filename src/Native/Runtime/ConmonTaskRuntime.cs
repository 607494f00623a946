using System.Text.Json.Nodes;
using Berth.Native.Processes;

namespace Berth.Native.Runtime;

/// <summary>
/// The real <see cref="ITaskRuntime"/>: each container's init process runs under its own conmon,
/// created by crun (default) or runc. conmon holds the stdio, writes the k8s-file log and the exit
/// file, and outlives the daemon; everything this class needs to find a task again is on disk
/// (bundle dir, runtime state dir) or in the journaled <see cref="TaskHandle"/>, so any instance —
/// in the daemon that started the task or in the next one — can watch, signal, probe or delete it.
/// </summary>
public sealed class ConmonTaskRuntime : ITaskRuntime
{
    private static readonly TimeSpan MonitorExitGrace = TimeSpan.FromSeconds(2);

    private readonly RuntimeSettings _settings;
    private readonly TimeProvider _time;
    private readonly Lazy<JsonObject?> _seccomp;
    private readonly Lazy<string?> _init = new(() => InitBinary.Find());

    public ConmonTaskRuntime(RuntimeSettings settings, TimeProvider? time = null)
    {
        _settings = settings;
        _time = time ?? TimeProvider.System;
        // Loaded once: the profile is a file of the host, not of the container; it is converted per
        // container, whose capabilities decide some of its rules.
        _seccomp = new Lazy<JsonObject?>(() => settings.SeccompProfilePath is { } path ? SeccompProfile.LoadRaw(path) : null);
    }

    public Task<BundleInfo> WriteBundleAsync(string containerId, TaskSpec spec, CancellationToken cancellationToken)
    {
        var paths = TaskPaths.For(_settings, containerId);
        var user = ContainerUserResolver.Resolve(spec.RootfsPath, spec.User, spec.GroupAdd);
        MountPreparer.Prepare(spec);
        var options = new OciSpecOptions(_settings.CgroupParent, _seccomp.Value)
        {
            InitPath = spec.Init ? _init.Value : null,
            HostCapabilities = HostFacts.Daemon.Capabilities,
            Devices = spec.Security.Privileged ? DeviceNodes.Host() : [.. spec.Devices.SelectMany(DeviceNodes.Resolve)],
        };
        var config = OciSpecBuilder.Build(containerId, spec, user, options);
        return Task.FromResult(BundleWriter.Write(paths, config));
    }

    public Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, CancellationToken cancellationToken) =>
        StartAsync(containerId, bundle, spec, _ => Task.CompletedTask, cancellationToken);

    public async Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, Func<CancellationToken, Task> beforeStart, CancellationToken cancellationToken)
    {
        var paths = TaskPaths.For(_settings, containerId) with { BundleDir = bundle.BundlePath };
        var runtime = Runtime(spec.Runtime);
        ExitRecord.Clear(paths);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.LogFile)!);
        Directory.CreateDirectory(runtime.StateRoot);
        var args = ConmonArgs.ForCreate(containerId, paths, runtime.Path, runtime.StateRoot, spec.Tty, spec.OpenStdin, _settings.ConmonLogLevel,
            spec.LogSizeMax ?? _settings.LogSizeMax, spec.StdinOnce);
        try
        {
            var created = await ConmonLauncher.CreateAsync(_settings, args, paths, spec.Args.FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            // Read while the process is certain to exist: after create it waits for "start".
            var startTime = ProcStat.StartTime(created.Pid)
                ?? throw new RuntimeException("create", $"the container's init process {created.Pid} vanished before it was started");
            await beforeStart(cancellationToken).ConfigureAwait(false);
            await runtime.StartAsync(containerId, cancellationToken).ConfigureAwait(false);
            return new TaskHandle(created.Pid, startTime, created.MonitorPid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A half-made task (created, never started) must not linger; conmon then exits by itself.
            // On cancellation (daemon shutdown) the journaled intent lets recovery release it instead.
            try
            {
                await runtime.DeleteAsync(containerId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The start failure is the news; DeleteAsync will be asked again when the run is released.
            }
            throw;
        }
    }

    public async Task<TaskExit> WaitForExitAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken)
    {
        var paths = TaskPaths.For(_settings, containerId);
        // The pidfds close with this source, whichever way the wait ends.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = _settings.UsePidfds ? ProcessExitWatch.Shared : null;
        // Opened before the liveness checks below, so each watch is known to follow the right process.
        var monitorEnded = watch?.WhenExited(handle.MonitorPid, watching.Token);
        var initEnded = watch?.WhenExited(handle.Pid, watching.Token);
        try
        {
            return await WaitForExitAsync(containerId, handle, paths, monitorEnded, initEnded, watching.Token).ConfigureAwait(false);
        }
        finally
        {
            // Ends the pending safety-net delays and closes the pidfds.
            await watching.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<TaskExit> WaitForExitAsync(string containerId, TaskHandle handle, TaskPaths paths, Task? monitorEnded, Task? initEnded, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (ExitRecord.TryRead(paths) is { } exit) return exit;
            var initAlive = ProcStat.IsAlive(handle.Pid, handle.PidStartTime);
            var monitorAlive = MonitorAlive(containerId, paths, handle.MonitorPid);
            if (!initAlive && !monitorAlive)
            {
                // conmon writes the exit file before it exits: one more look settles that race.
                return ExitRecord.TryRead(paths) ?? throw Lost(containerId);
            }
            // conmon exits right after it has written the exit file, so its end is the event to wake on;
            // the init's end matters when conmon is gone. The timed look is only a safety net.
            var wake = monitorAlive ? monitorEnded : initEnded;
            var interval = wake is null ? _settings.ExitPollInterval : _settings.ExitSafetyNetInterval;
            var delay = Task.Delay(interval, _time, cancellationToken);
            await (wake is null || wake.IsCompleted ? delay : Task.WhenAny(wake, delay)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task SignalAsync(string containerId, int signal, CancellationToken cancellationToken) =>
        Owner(containerId, "kill").KillAsync(containerId, signal, cancellationToken);

    public Task PauseAsync(string containerId, CancellationToken cancellationToken) =>
        Owner(containerId, "pause").PauseAsync(containerId, cancellationToken);

    public Task ResumeAsync(string containerId, CancellationToken cancellationToken) =>
        Owner(containerId, "resume").ResumeAsync(containerId, cancellationToken);

    public async Task UpdateAsync(string containerId, TaskResources resources, CancellationToken cancellationToken)
    {
        var runtime = Owner(containerId, "update");
        var paths = TaskPaths.For(_settings, containerId);
        var file = Path.Combine(paths.BundleDir, "update.json");
        var json = OciResources.Build(resources, privileged: true, []);
        json.Remove("devices"); // the device rules stay as created
        await File.WriteAllTextAsync(file, json.ToJsonString(), cancellationToken).ConfigureAwait(false);
        await runtime.UpdateAsync(containerId, file, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string containerId, CancellationToken cancellationToken)
    {
        var paths = TaskPaths.For(_settings, containerId);
        // Every runtime is asked, not only the configured one: a container started by runc must be
        // deleted by runc even after the daemon's default became crun.
        foreach (var runtime in Runtimes().Where(r => r.Knows(containerId)))
            await runtime.DeleteAsync(containerId, cancellationToken).ConfigureAwait(false);
        await StopMonitorAsync(containerId, paths, cancellationToken).ConfigureAwait(false);
        LeftoverCgroups.Remove(OciSpecBuilder.CgroupsPath(_settings.CgroupParent, containerId));
        BundleWriter.Delete(paths);
    }

    public Task<TaskProbe> ProbeAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken)
    {
        var paths = TaskPaths.For(_settings, containerId);
        TaskProbe probe = ExitRecord.TryRead(paths) is { } exit ? new TaskProbe.Ended(exit)
            : ProcStat.IsAlive(handle.Pid, handle.PidStartTime) ? new TaskProbe.Alive(CgroupFreezer.IsFrozen(handle.Pid))
            // Checked again: the process may have ended and conmon written its file in between.
            : ExitRecord.TryRead(paths) is { } late ? new TaskProbe.Ended(late)
            : new TaskProbe.Lost(_time.GetUtcNow());
        return Task.FromResult(probe);
    }

    public Task<IAttachStream> AttachAsync(string containerId, CancellationToken cancellationToken) =>
        ConmonAttachStream.ConnectAsync(TaskPaths.For(_settings, containerId).BundleDir, cancellationToken);

    public Task ResizeAsync(string containerId, int height, int width, CancellationToken cancellationToken)
    {
        ConmonControl.Resize(TaskPaths.For(_settings, containerId).BundleDir, height, width);
        return Task.CompletedTask;
    }

    public Task<IExecProcess> LaunchExecAsync(string containerId, string execId, ExecSpec spec, CancellationToken cancellationToken) =>
        ConmonExecProcess.LaunchAsync(_settings, Owner(containerId, "exec"), containerId, execId, spec, cancellationToken);

    /// <summary>The runtime a new task uses: by name, the daemon's default when the spec names none.</summary>
    private OciRuntimeCli Runtime(string? name)
    {
        name = string.IsNullOrEmpty(name) ? _settings.DefaultRuntime : name;
        return _settings.Runtimes.TryGetValue(name, out var path)
            ? new OciRuntimeCli(name, path, _settings.RuntimeStateRoot(name))
            : throw new RuntimeException("select runtime", $"unknown runtime '{name}' (configured: {string.Join(", ", _settings.Runtimes.Keys)})", kind: RuntimeErrorKind.InvalidArgument);
    }

    private IEnumerable<OciRuntimeCli> Runtimes() =>
        _settings.Runtimes.Select(r => new OciRuntimeCli(r.Key, r.Value, _settings.RuntimeStateRoot(r.Key)));

    /// <summary>The runtime that holds the container's state; the task is unknown when none does.</summary>
    private OciRuntimeCli Owner(string containerId, string operation)
    {
        TaskPaths.ValidateId(containerId);
        return Runtimes().FirstOrDefault(r => r.Knows(containerId))
            ?? throw new RuntimeException(operation, $"no task for container {containerId}", kind: RuntimeErrorKind.NotFound);
    }

    /// <summary>
    /// Is <paramref name="pid"/> this container's conmon? Checked by its command line, which names
    /// the container and bundle, so a recycled pid is never mistaken for it.
    /// </summary>
    private static bool MonitorAlive(string containerId, TaskPaths paths, int pid)
    {
        if (ProcStat.StartTime(pid) is null) return false;
        var argv = ProcStat.CommandLine(pid);
        return argv.Count > 0
            && Path.GetFileName(argv[0]) == "conmon"
            && HasOption(argv, "-c", containerId)
            && HasOption(argv, "-b", paths.BundleDir);
    }

    private static bool HasOption(IReadOnlyList<string> argv, string option, string value)
    {
        for (var i = 0; i + 1 < argv.Count; i++)
            if (argv[i] == option && argv[i + 1] == value) return true;
        return false;
    }

    /// <summary>
    /// Lets conmon finish (after the runtime's delete it records the exit and leaves) and kills it
    /// when it lingers — a conmon whose container is gone has nothing left to do.
    /// </summary>
    private async Task StopMonitorAsync(string containerId, TaskPaths paths, CancellationToken cancellationToken)
    {
        var pid = ConmonLauncher.ReadPidFile(paths.MonitorPidFile);
        var deadline = _time.GetUtcNow() + MonitorExitGrace;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ended = _settings.UsePidfds ? ProcessExitWatch.Shared?.WhenExited(pid, watching.Token) : null;
        try
        {
            while (MonitorAlive(containerId, paths, pid))
            {
                if (_time.GetUtcNow() >= deadline)
                {
                    Tmds.Linux.LibC.kill(pid, Signals.SIGKILL);
                    return;
                }
                var delay = Task.Delay(TimeSpan.FromMilliseconds(50), _time, watching.Token);
                await (ended is null || ended.IsCompleted ? delay : Task.WhenAny(ended, delay)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
        }
    }

    private static RuntimeException Lost(string containerId) =>
        new("wait", $"the init process of {containerId} and its monitor are gone and no exit status was recorded", kind: RuntimeErrorKind.Lost);
}
