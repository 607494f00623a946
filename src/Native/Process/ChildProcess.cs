using System.Collections;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Native.Processes;

/// <summary>
/// A started child: its pid, its captured stdout/stderr, and its exit. The child is reaped by a
/// waiter thread; until then it stays a zombie at worst, so <see cref="Signal"/> can never hit a
/// recycled pid. Disposing releases the parent's descriptors; it does not kill the child.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int MaxCapturedBytes = 1 << 20;
    private const int FirstParentFd = 100;
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopReading = new();
    private readonly Socket _stdout;
    private readonly Socket _stderr;
    private readonly Task<string> _stdoutText;
    private readonly Task<string> _stderrText;
    private readonly Task<int> _exit;
    private bool _exited;

    private ChildProcess(string commandLine, int pid, Socket stdout, Socket stderr)
    {
        CommandLine = commandLine;
        Pid = pid;
        _stdout = stdout;
        _stderr = stderr;
        _stdoutText = ReadAllAsync(stdout, _stopReading.Token);
        _stderrText = ReadAllAsync(stderr, _stopReading.Token);
        _exit = Task.Factory.StartNew(
            () => PosixSpawn.WaitForExit(pid, () => { lock (_lock) _exited = true; }),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Pid { get; }

    public string CommandLine { get; }

    /// <summary>Starts the program described by <paramref name="spec"/>.</summary>
    public static ChildProcess Start(ProcessStartSpec spec)
    {
        if (!Path.IsPathFullyQualified(spec.Program)) throw new ProcessStartException(spec.Program, "the program path must be absolute");
        var (stdout, stdoutChild) = SocketPair.Create(SocketType.Stream);
        var (stderr, stderrChild) = SocketPair.Create(SocketType.Stream);
        var parentCopies = new List<int>();
        try
        {
            // Every source is first copied to a descriptor >= 100, so no source can be overwritten
            // by an earlier dup2 onto a low target number inside the child.
            var map = new List<(int, int)> { (HighCopy(stdoutChild, parentCopies), 1), (HighCopy(stderrChild, parentCopies), 2) };
            foreach (var (target, handle) in spec.Descriptors.OrderBy(d => d.Key))
            {
                if (target is < 3 or >= FirstParentFd) throw new ArgumentOutOfRangeException(nameof(spec), target, "descriptor numbers 3–99 only");
                map.Add((HighCopy(handle, parentCopies), target));
            }
            var pid = PosixSpawn.Start(spec.Program, [spec.Program, .. spec.Args], Environment(spec.Environment), map, spec.NewSession);
            return new ChildProcess(spec.Describe(), pid, stdout, stderr);
        }
        catch
        {
            stdout.Dispose();
            stderr.Dispose();
            throw;
        }
        finally
        {
            foreach (var fd in parentCopies) Tmds.Linux.LibC.close(fd);
            stdoutChild.Dispose();
            stderrChild.Dispose();
        }
    }

    /// <summary>Sends a signal unless the child has already ended.</summary>
    public void Signal(int signal)
    {
        lock (_lock)
        {
            if (!_exited) Tmds.Linux.LibC.kill(Pid, signal);
        }
    }

    /// <summary>
    /// Waits for the child to end and for its output. Cancelling kills the child (SIGKILL), reaps it
    /// and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<ProcessResult> WaitForExitAsync(CancellationToken cancellationToken)
    {
        int code;
        using (cancellationToken.Register(() => Signal(Signals.SIGKILL)))
            code = await _exit.ConfigureAwait(false);
        // The child's ends close when it exits, unless a grandchild inherited them (a daemon that
        // did not detach its stdio): then take what arrived and stop waiting.
        var both = Task.WhenAll(_stdoutText, _stderrText);
        if (await Task.WhenAny(both, Task.Delay(OutputGrace, CancellationToken.None)).ConfigureAwait(false) != both)
            await _stopReading.CancelAsync().ConfigureAwait(false);
        var result = new ProcessResult(code, await _stdoutText.ConfigureAwait(false), await _stderrText.ConfigureAwait(false));
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    public void Dispose()
    {
        _stopReading.Cancel();
        _stdout.Dispose();
        _stderr.Dispose();
        _stopReading.Dispose();
    }

    private static async Task<string> ReadAllAsync(Socket socket, CancellationToken stop)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false)) > 0)
                if (kept.Length < MaxCapturedBytes) kept.Write(buffer, 0, (int)Math.Min(n, MaxCapturedBytes - kept.Length));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Abandoned or torn down: what arrived so far is the output.
        }
        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    private static int HighCopy(SafeHandle handle, List<int> copies)
    {
        var fd = Tmds.Linux.LibC.fcntl((int)handle.DangerousGetHandle(), Tmds.Linux.LibC.F_DUPFD_CLOEXEC, FirstParentFd);
        if (fd < 0) throw new ProcessStartException("fcntl(F_DUPFD_CLOEXEC)", $"errno {Tmds.Linux.LibC.errno}");
        copies.Add(fd);
        return fd;
    }

    private static List<string> Environment(IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            merged[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (key, value) in overrides) merged[key] = value;
        return [.. merged.Select(e => e.Key + "=" + e.Value)];
    }
}
