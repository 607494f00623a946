using System.Collections.Concurrent;
using Berth.Native;
using Berth.Native.Runtime;

namespace Berth.Actors.Tests.Fakes;

/// <summary>
/// An in-memory OCI runtime for actor tests. Its "processes" outlive an actor system, like real
/// containers outlive a daemon, so one instance serves a test's successive systems.
/// SIGKILL ends a task with 137; the stop signal ends it with 128+signal unless <see cref="IgnoreSignals"/>.
/// </summary>
public sealed class FakeTaskRuntime : ITaskRuntime
{
    private int _nextPid = 1000;
    private readonly ConcurrentDictionary<string, FakeTask> _tasks = new();

    public ConcurrentQueue<(string Id, int Signal)> Signals { get; } = new();
    public ConcurrentDictionary<string, byte> Bundles { get; } = new();
    /// <summary>Step names ("build spec", "start task", …) that fail on their next call.</summary>
    public ConcurrentDictionary<string, string> FailNext { get; } = new();
    /// <summary>Signals (other than SIGKILL) that do not end the task.</summary>
    public HashSet<int> IgnoreSignals { get; } = new();
    /// <summary>When set, StartAsync waits for it (to freeze a start half-way).</summary>
    public TaskCompletionSource? HoldStart { get; set; }
    /// <summary>When set, DeleteAsync waits for it (to freeze a release half-way).</summary>
    public TaskCompletionSource? HoldDelete { get; set; }

    /// <summary>The clock that stamps exits and lost-process notices (the world's clock, so run lengths are virtual too).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    /// <summary>How many times the daemon probed a journaled process (re-attach at recovery or supervisor restart).</summary>
    public int ProbeCount;

    public bool IsRunning(string id) => _tasks.TryGetValue(id, out var t) && !t.Exit.Task.IsCompleted;
    /// <summary>The fake process of a container, if one is known: its handle (pid) and whether it still runs.</summary>
    public TaskHandle? HandleOf(string id) => _tasks.TryGetValue(id, out var t) ? t.Handle : null;
    public bool IsPaused(string id) => _tasks.TryGetValue(id, out var t) && t.Paused;
    public int StartCount;

    /// <summary>The resources each container was last updated to while running.</summary>
    public ConcurrentDictionary<string, TaskResources> Updates { get; } = new();

    public Task UpdateAsync(string containerId, TaskResources resources, CancellationToken cancellationToken)
    {
        Fail("update task");
        if (!IsRunning(containerId)) throw new RuntimeException("update", $"container {containerId} is not running", kind: RuntimeErrorKind.NotRunning);
        Updates[containerId] = resources;
        return Task.CompletedTask;
    }

    public Task<BundleInfo> WriteBundleAsync(string containerId, TaskSpec spec, CancellationToken cancellationToken)
    {
        Fail("build spec");
        Bundles[containerId] = 0;
        return Task.FromResult(new BundleInfo($"/run/fake/{containerId}", "sha256:" + containerId[..8]));
    }

    public async Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, CancellationToken cancellationToken)
    {
        if (HoldStart is { } hold) await hold.Task.WaitAsync(cancellationToken);
        Fail("start task");
        Interlocked.Increment(ref StartCount);
        var pid = Interlocked.Increment(ref _nextPid);
        var task = new FakeTask(new TaskHandle(pid, pid * 10L, pid + 50000));
        _tasks[containerId] = task;
        return task.Handle;
    }

    public async Task<TaskExit> WaitForExitAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken) =>
        await _tasks[containerId].Exit.Task.WaitAsync(cancellationToken);

    public Task SignalAsync(string containerId, int signal, CancellationToken cancellationToken)
    {
        Fail("signal task");
        Signals.Enqueue((containerId, signal));
        if (signal == Native.Signals.SIGKILL) ExitTask(containerId, 137);
        else if (!IgnoreSignals.Contains(signal)) ExitTask(containerId, 128 + signal);
        return Task.CompletedTask;
    }

    public Task PauseAsync(string containerId, CancellationToken cancellationToken)
    {
        Fail("pause task");
        _tasks[containerId].Paused = true;
        return Task.CompletedTask;
    }

    public Task ResumeAsync(string containerId, CancellationToken cancellationToken)
    {
        if (_tasks.TryGetValue(containerId, out var t)) t.Paused = false;
        return Task.CompletedTask;
    }

    public async Task DeleteAsync(string containerId, CancellationToken cancellationToken)
    {
        if (HoldDelete is { } hold) await hold.Task.WaitAsync(cancellationToken);
        Fail("delete task");
        _tasks.TryRemove(containerId, out _);
        Bundles.TryRemove(containerId, out _);
    }

    public Task<TaskProbe> ProbeAsync(string containerId, TaskHandle handle, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ProbeCount);
        if (!_tasks.TryGetValue(containerId, out var task) || task.Handle != handle)
            return Task.FromResult<TaskProbe>(new TaskProbe.Lost(Clock.GetUtcNow()));
        return Task.FromResult<TaskProbe>(task.Exit.Task.IsCompleted ? new TaskProbe.Ended(task.Exit.Task.Result) : new TaskProbe.Alive(task.Paused));
    }

    /// <summary>Exec processes launched, by exec id: what they were asked to run and how to end them.</summary>
    public ConcurrentDictionary<string, FakeExecProcess> Execs { get; } = new();

    /// <summary>Terminal sizes asked for, per container.</summary>
    public ConcurrentQueue<(string Id, int Height, int Width)> Resizes { get; } = new();

    /// <summary>How many attach connections were made to containers' tasks.</summary>
    public int AttachCount;

    /// <summary>The fake task exists from its start on, so the early attachers are connected right after it.</summary>
    public async Task<TaskHandle> StartAsync(string containerId, BundleInfo bundle, TaskSpec spec, Func<CancellationToken, Task> beforeStart, CancellationToken cancellationToken)
    {
        var handle = await StartAsync(containerId, bundle, spec, cancellationToken);
        await beforeStart(cancellationToken);
        return handle;
    }

    public Task<IAttachStream> AttachAsync(string containerId, CancellationToken cancellationToken)
    {
        Fail("attach");
        if (!_tasks.ContainsKey(containerId)) throw new RuntimeException("attach", $"no task for container {containerId}", kind: RuntimeErrorKind.NotFound);
        Interlocked.Increment(ref AttachCount);
        return Task.FromResult<IAttachStream>(new FakeAttachStream());
    }

    public Task ResizeAsync(string containerId, int height, int width, CancellationToken cancellationToken)
    {
        Resizes.Enqueue((containerId, height, width));
        return Task.CompletedTask;
    }

    public Task<IExecProcess> LaunchExecAsync(string containerId, string execId, ExecSpec spec, CancellationToken cancellationToken)
    {
        Fail("exec");
        if (!IsRunning(containerId)) throw new RuntimeException("exec", "the container has no bundle: it is not running", kind: RuntimeErrorKind.NotRunning);
        var process = new FakeExecProcess(spec, Interlocked.Increment(ref _nextPid));
        Execs[execId] = process;
        return Task.FromResult<IExecProcess>(process);
    }

    /// <summary>The container's process ends by itself with this code.</summary>
    public void ExitTask(string containerId, int code, bool oom = false)
    {
        if (_tasks.TryGetValue(containerId, out var task))
            task.Exit.TrySetResult(new TaskExit(code, oom, Clock.GetUtcNow()));
    }

    /// <summary>The process vanished without trace (monitor killed too).</summary>
    public void Lose(string containerId) => _tasks.TryRemove(containerId, out _);

    private void Fail(string step)
    {
        if (FailNext.TryRemove(step, out var message)) throw new InvalidOperationException(message);
    }

    private sealed class FakeTask(TaskHandle handle)
    {
        public TaskHandle Handle { get; } = handle;
        public TaskCompletionSource<TaskExit> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Paused { get; set; }
    }
}

/// <summary>A fake exec: starts at once; ends when the test calls <see cref="Exit"/>.</summary>
public sealed class FakeExecProcess(ExecSpec spec, int pid) : IExecProcess
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExecSpec Spec { get; } = spec;
    public bool Attached { get; private set; }
    public bool Disposed { get; private set; }

    public void Exit(int code) => _exit.TrySetResult(code);

    public bool Ended => _exit.Task.IsCompleted;

    public Task<IAttachStream> AttachAsync(CancellationToken cancellationToken)
    {
        Attached = true;
        return Task.FromResult<IAttachStream>(new FakeAttachStream());
    }

    public Task<int> StartAsync(CancellationToken cancellationToken) => Task.FromResult(pid);

    public Task<int> WaitAsync(CancellationToken cancellationToken) => _exit.Task.WaitAsync(cancellationToken);

    public void Resize(int height, int width)
    {
    }

    /// <summary>The signal a caller sent; a fake killed process ends with 128+signal, as a real one would.</summary>
    public int? Killed { get; private set; }

    public void Kill(int signal)
    {
        Killed = signal;
        _exit.TrySetResult(128 + signal);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>An attach stream with no output that ends when disposed.</summary>
public sealed class FakeAttachStream : IAttachStream
{
    public ValueTask<AttachRead> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => ValueTask.FromResult(AttachRead.End);

    public ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void CloseStdin()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
