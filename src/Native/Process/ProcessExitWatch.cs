using System.Runtime.InteropServices;
using static Tmds.Linux.LibC;

namespace Berth.Native.Processes;

/// <summary>
/// Tells when a process that is not our child ends, without polling and without a thread per
/// process: each watched pid gets a pidfd (pidfd_open, Linux 5.3), which becomes readable when the
/// process exits, and one epoll thread for the whole daemon waits on all of them. A pid that is
/// already gone completes at once. Where the kernel has no pidfds (or refuses one), <see cref="WhenExited"/>
/// returns null and the caller keeps polling.
/// </summary>
public sealed partial class ProcessExitWatch
{
    private const int ESRCH = 3;
    private const long SysPidfdOpen = 434; // the same number on every architecture (the unified table)

    private static readonly Lazy<ProcessExitWatch?> SharedWatch = new(Create);

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Registration> _registrations = new();
    private readonly int _epoll;
    private ulong _nextId;

    private sealed record Registration(int Fd, TaskCompletionSource Ended);

    private ProcessExitWatch(int epoll)
    {
        _epoll = epoll;
        new Thread(Loop) { IsBackground = true, Name = "berth-exit-watch" }.Start();
    }

    /// <summary>The daemon's one watch; null when this kernel cannot open pidfds.</summary>
    public static ProcessExitWatch? Shared => SharedWatch.Value;

    /// <summary>How many processes are watched now (for tests: a cancelled or finished watch holds no descriptor).</summary>
    public int Count
    {
        get { lock (_lock) return _registrations.Count; }
    }

    /// <summary>
    /// A task that completes when <paramref name="pid"/> has ended (at once when there is no such
    /// process); cancelling stops the watch and cancels the task. Null when pidfds are unsupported.
    /// The caller checks, after this returns, that the pid still names the process it means: a
    /// pidfd refers to the process that held the pid when it was opened.
    /// </summary>
    public Task? WhenExited(int pid, CancellationToken cancellationToken)
    {
        if (pid <= 0) return Task.CompletedTask;
        var fd = PidfdOpen(pid);
        // Out of descriptors or any other refusal: null, and the caller polls as it would without pidfds.
        if (fd < 0) return -fd == ESRCH ? Task.CompletedTask : null;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong id;
        lock (_lock)
        {
            id = ++_nextId;
            _registrations[id] = new Registration(fd, ended);
        }
        if (!Add(fd, id))
        {
            Complete(id, cancelled: true);
            return null;
        }
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.UnsafeRegister(_ => Complete(id, cancelled: true), null);
            ended.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return ended.Task;
    }

    private static ProcessExitWatch? Create()
    {
        // Probe with our own pid: a kernel without pidfd_open (before 5.3) answers ENOSYS.
        var probe = PidfdOpen(Environment.ProcessId);
        if (probe < 0) return null;
        close(probe);
        var epoll = epoll_create1(EPOLL_CLOEXEC);
        if (epoll < 0) throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        return new ProcessExitWatch(epoll);
    }

    private unsafe bool Add(int fd, ulong id)
    {
        var ev = default(Tmds.Linux.epoll_event);
        ev.events = EPOLLIN;
        ev.data.u64 = id;
        return epoll_ctl(_epoll, EPOLL_CTL_ADD, fd, &ev) == 0;
    }

    private unsafe void Loop()
    {
        const int batch = 64;
        var events = stackalloc Tmds.Linux.epoll_event[batch];
        while (true)
        {
            var n = epoll_wait(_epoll, events, batch, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR) continue;
                // Never expected with a valid epoll fd; the callers' safety-net polls still notice exits.
                return;
            }
            for (var i = 0; i < n; i++)
                Complete(events[i].data.u64, cancelled: false);
        }
    }

    /// <summary>Ends one watch exactly once: whoever removes the entry closes its pidfd (closing drops it from the epoll set).</summary>
    private void Complete(ulong id, bool cancelled)
    {
        Registration? registration;
        lock (_lock)
        {
            if (!_registrations.Remove(id, out registration)) return;
        }
        close(registration.Fd);
        if (cancelled) registration.Ended.TrySetCanceled();
        else registration.Ended.TrySetResult();
    }

    /// <summary>pidfd_open(pid, 0) with O_CLOEXEC implied; returns the fd or -errno.</summary>
    private static int PidfdOpen(int pid)
    {
        long fd;
        do fd = syscall(SysPidfdOpen, pid, 0); while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);
        return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, long arg1, long arg2);
}
