using System.Diagnostics;
using Berth.Native;
using Berth.Native.Runtime;

namespace Berth.Integration.Tests.Runtime;

/// <summary>
/// The exit watch wakes on conmon's end (pidfd), not on a timer: with every timed look set to a
/// minute, exits must still be reported at once — for one task, for many, and for a task started
/// by another runtime instance (a daemon restart).
/// </summary>
public sealed class ExitWatchTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    private static RuntimeTestBed SlowPollBed() => RuntimeTestBed.Create("crun", s => s with
    {
        ExitPollInterval = TimeSpan.FromMinutes(1),
        ExitSafetyNetInterval = TimeSpan.FromMinutes(1),
    });

    [Fact]
    public async Task An_exit_is_reported_promptly_although_the_poll_is_a_minute()
    {
        await using var bed = SlowPollBed();
        var (id, handle) = await bed.StartAsync(bed.Spec("sh", "-c", "sleep 0.5; exit 7"));
        var clock = Stopwatch.StartNew();

        var exit = await bed.WaitAsync(id, handle);

        Assert.Equal(7, exit.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500) + Prompt, $"reported after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Many_tasks_each_report_their_own_exit_promptly()
    {
        await using var bed = SlowPollBed();
        var tasks = new List<(string Id, TaskHandle Handle, int Code)>();
        for (var code = 1; code <= 6; code++)
        {
            var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));
            tasks.Add((id, handle, code));
        }
        var waits = tasks.Select(t => bed.WaitAsync(t.Id, t.Handle)).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var t in tasks) await bed.Runtime.SignalAsync(t.Id, Signals.SIGKILL, CancellationToken.None);
        var exits = await Task.WhenAll(waits);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(tasks.Count) + Prompt, $"reported after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.All(exits, e => Assert.Equal(137, e.ExitCode));
    }

    [Fact]
    public async Task A_task_from_a_previous_daemon_reports_its_exit_promptly_to_the_next()
    {
        await using var bed = SlowPollBed();
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));

        // As after a daemon restart: a new instance with nothing but the settings and the journaled handle.
        var restarted = new ConmonTaskRuntime(bed.Settings);
        var watch = restarted.WaitForExitAsync(id, handle, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(watch.IsCompleted);
        var clock = Stopwatch.StartNew();
        await restarted.SignalAsync(id, Signals.SIGTERM, CancellationToken.None);
        await restarted.SignalAsync(id, Signals.SIGKILL, CancellationToken.None);
        var exit = await watch.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(137, exit.ExitCode);
        Assert.True(clock.Elapsed < Prompt, $"reported after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_cancelled_watch_leaves_the_task_running_and_holds_no_pidfd()
    {
        await using var bed = SlowPollBed();
        var (id, handle) = await bed.StartAsync(bed.Spec("sleep", "1000"));
        using var cancel = new CancellationTokenSource();

        var watch = bed.Runtime.WaitForExitAsync(id, handle, cancel.Token);
        await Task.Delay(200);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);
        Assert.IsType<TaskProbe.Alive>(await bed.Runtime.ProbeAsync(id, handle, CancellationToken.None));
        Assert.DoesNotContain(Directory.GetFiles("/proc/self/fd"), fd => PidfdOf(fd, handle.MonitorPid) || PidfdOf(fd, handle.Pid));
    }

    /// <summary>Is descriptor <paramref name="fd"/> of this process a pidfd for <paramref name="pid"/>? (fdinfo names it.)</summary>
    private static bool PidfdOf(string fd, int pid)
    {
        try
        {
            return new FileInfo(fd).LinkTarget == "anon_inode:[pidfd]"
                && File.ReadLines($"/proc/self/fdinfo/{Path.GetFileName(fd)}").Any(l => l == $"Pid:\t{pid}");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
