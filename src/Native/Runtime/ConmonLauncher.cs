using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Berth.Native.Processes;

namespace Berth.Native.Runtime;

/// <summary>
/// Starts conmon for one container and waits until the runtime has created it (not yet started).
/// The protocol, as Podman speaks it: two SOCK_SEQPACKET pairs handed to conmon as fds 3 and 4
/// and named in <c>_OCI_SYNCPIPE</c>/<c>_OCI_STARTPIPE</c>; conmon blocks on the start pipe until the
/// caller writes a byte, then forks, detaches (own session, stdio on /dev/null) and its launcher
/// exits; the detached conmon runs "&lt;runtime&gt; create" and reports <c>{"data": pid}</c> — or
/// <c>{"data": -1, "message": "…"}</c> — on the sync pipe.
/// </summary>
internal static class ConmonLauncher
{
    private const int SyncFd = 3;
    private const int StartFd = 4;

    /// <summary>The created container's init pid and conmon's pid.</summary>
    public sealed record Created(int Pid, int MonitorPid);

    public static async Task<Created> CreateAsync(RuntimeSettings settings, IReadOnlyList<string> args, TaskPaths paths, string? executable, CancellationToken cancellationToken)
    {
        var (sync, syncChild) = SocketPair.Create(SocketType.Seqpacket);
        var (start, startChild) = SocketPair.Create(SocketType.Seqpacket);
        using (sync)
        using (start)
        {
            ChildProcess launcher;
            using (syncChild)
            using (startChild)
            {
                launcher = ChildProcess.Start(new ProcessStartSpec(settings.ConmonPath, args)
                {
                    Environment = new Dictionary<string, string> { ["_OCI_SYNCPIPE"] = $"{SyncFd}", ["_OCI_STARTPIPE"] = $"{StartFd}" },
                    Descriptors = new Dictionary<int, SafeHandle> { [SyncFd] = syncChild, [StartFd] = startChild },
                });
            }
            using (launcher)
            {
                // Release conmon before waiting for it: it waits for this byte before it forks.
                try
                {
                    await start.SendAsync(new byte[] { 0 }, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // conmon already died; its exit status and stderr below say why.
                }
                var launched = await launcher.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (!launched.Succeeded)
                    throw new RuntimeException("create", $"conmon exited with {launched.ExitCode}", launched.Stderr);
                var pid = await ReadPidAsync(sync, settings.CreateTimeout, launched.Stderr, executable, cancellationToken).ConfigureAwait(false);
                return new Created(pid, ReadPidFile(paths.MonitorPidFile));
            }
        }
    }

    private static async Task<int> ReadPidAsync(Socket sync, TimeSpan timeout, string conmonStderr, string? executable, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[64 * 1024];
        int n;
        try
        {
            n = await sync.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RuntimeException("create", $"conmon did not report the container's pid within {timeout}", conmonStderr);
        }
        if (n == 0) throw new RuntimeException("create", "conmon closed its sync pipe without reporting the container's pid", conmonStderr);
        return ParseSyncMessage(Encoding.UTF8.GetString(buffer, 0, n), conmonStderr, executable);
    }

    /// <summary>Reads conmon's <c>{"data": n, "message": "…"}</c>: the pid, or the runtime's error (about
    /// <paramref name="executable"/>, the container's command, when it could not be run).</summary>
    public static int ParseSyncMessage(string json, string conmonStderr = "", string? executable = null)
    {
        int data;
        string? message;
        try
        {
            using var doc = JsonDocument.Parse(json);
            data = doc.RootElement.GetProperty("data").GetInt32();
            message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RuntimeException("create", $"unreadable message from conmon: {json.Trim()}", conmonStderr, inner: e);
        }
        if (data > 0) return data;
        throw new RuntimeException("create", string.IsNullOrWhiteSpace(message) ? $"the runtime failed to create the container ({data})" : ExecFailureText.Describe(message, executable), conmonStderr);
    }

    public static int ReadPidFile(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), out var pid) ? pid : 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }
    }
}
