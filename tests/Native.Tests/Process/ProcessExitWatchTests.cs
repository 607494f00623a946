using System.Diagnostics;
using Berth.Native.Processes;

namespace Berth.Native.Tests.Processes;

/// <summary>The pidfd + epoll exit watch: prompt, one thread for all, nothing left open.</summary>
public sealed class ProcessExitWatchTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(1);

    private static ProcessExitWatch Watch => ProcessExitWatch.Shared
        ?? throw new InvalidOperationException("this kernel has no pidfd_open (Linux >= 5.3 expected)");

    private static ChildProcess Sleep(string seconds) => ChildProcess.Start(new ProcessStartSpec("/bin/sleep", [seconds]));

    [Fact]
    public async Task A_killed_process_is_noticed_within_a_second()
    {
        using var child = Sleep("1000");
        var ended = Watch.WhenExited(child.Pid, CancellationToken.None)!;

        Assert.False(ended.IsCompleted);
        var clock = Stopwatch.StartNew();
        child.Signal(Signals.SIGKILL);
        await ended.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < Prompt, $"noticed after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_process_that_ends_by_itself_is_noticed_when_it_ends_not_before()
    {
        using var child = Sleep("0.3");
        var clock = Stopwatch.StartNew();

        await Watch.WhenExited(child.Pid, CancellationToken.None)!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(300) + Prompt);
        Assert.Equal(0, (await child.WaitForExitAsync(CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task A_pid_that_no_longer_exists_completes_at_once()
    {
        int pid;
        using (var child = Sleep("0"))
        {
            pid = child.Pid;
            await child.WaitForExitAsync(CancellationToken.None);
        }

        var ended = Watch.WhenExited(pid, CancellationToken.None);

        // Reaped, so either gone (completed at once) or, rarely, recycled by another process.
        Assert.NotNull(ended);
        if (!File.Exists($"/proc/{pid}/stat")) Assert.True(ended.IsCompleted);
    }

    [Fact]
    public async Task Many_processes_are_watched_by_one_thread_and_each_end_is_noticed()
    {
        var children = Enumerable.Range(0, 40).Select(_ => Sleep("1000")).ToList();
        try
        {
            var watches = children.Select(c => Watch.WhenExited(c.Pid, CancellationToken.None)!).ToList();

            foreach (var (child, i) in children.Select((c, i) => (c, i)).Where(x => x.i % 2 == 0)) child.Signal(Signals.SIGKILL);
            await Task.WhenAll(watches.Where((_, i) => i % 2 == 0)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.All(watches.Where((_, i) => i % 2 == 1), w => Assert.False(w.IsCompleted));
            Assert.Equal(1, WatchThreads());
            foreach (var child in children.Where((_, i) => i % 2 == 1)) child.Signal(Signals.SIGKILL);
            await Task.WhenAll(watches).WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var child in children)
            {
                child.Signal(Signals.SIGKILL);
                await child.WaitForExitAsync(CancellationToken.None);
                child.Dispose();
            }
        }
    }

    [Fact]
    public async Task Cancelling_a_watch_cancels_its_task_and_closes_its_pidfd()
    {
        using var child = Sleep("1000");
        using var cancel = new CancellationTokenSource();
        var pidfds = PidfdsOpen();

        var ended = Watch.WhenExited(child.Pid, cancel.Token)!;
        Assert.Equal(pidfds + 1, PidfdsOpen());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ended);
        Assert.Equal(pidfds, PidfdsOpen());
        child.Signal(Signals.SIGKILL);
        await child.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>Our threads named like the watch's (comm is cut at 15 bytes).</summary>
    private static int WatchThreads() => Directory.GetDirectories("/proc/self/task")
        .Count(t =>
        {
            // A thread may end between the listing and the read.
            try { return File.ReadAllText(Path.Combine(t, "comm")).Trim().StartsWith("berth-exit-watc", StringComparison.Ordinal); }
            catch (IOException) { return false; }
        });

    /// <summary>Descriptors of this process that are pidfds. Other tests run in parallel, so only our own change is compared.</summary>
    private static int PidfdsOpen() => Directory.GetFiles("/proc/self/fd")
        .Count(fd =>
        {
            try { return new FileInfo(fd).LinkTarget == "anon_inode:[pidfd]"; }
            catch (IOException) { return false; }
        });
}
