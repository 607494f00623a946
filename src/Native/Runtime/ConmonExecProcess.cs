using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Berth.Native.Processes;

namespace Berth.Native.Runtime;

/// <summary>
/// An exec under its own conmon, driven as Podman drives one (libpod/oci_conmon_exec_common.go):
/// three SOCK_SEQPACKET pairs become conmon's sync (fd 3), start (fd 4) and attach (fd 5) pipes. A
/// first byte on the start pipe lets conmon detach; it then opens its attach socket and says so on
/// the attach pipe; a second byte makes it run "&lt;runtime&gt; exec"; the sync pipe carries the pid,
/// then the exit code. The exec's files live in <c>&lt;bundle&gt;/exec/&lt;exec id&gt;</c>.
/// </summary>
internal sealed class ConmonExecProcess : IExecProcess
{
    private const int SyncFd = 3;
    private const int StartFd = 4;
    private const int AttachFd = 5;

    private readonly Socket _sync;
    private readonly Socket _start;
    private readonly Socket _attach;
    private readonly string _directory;
    private readonly TimeSpan _timeout;
    private int _exitCode = -1;
    private int _pid;

    private ConmonExecProcess(Socket sync, Socket start, Socket attach, string directory, TimeSpan timeout)
    {
        _sync = sync;
        _start = start;
        _attach = attach;
        _directory = directory;
        _timeout = timeout;
    }

    public static async Task<IExecProcess> LaunchAsync(RuntimeSettings settings, OciRuntimeCli runtime, string containerId, string execId, ExecSpec spec, CancellationToken cancellationToken)
    {
        TaskPaths.ValidateId(execId);
        var paths = TaskPaths.For(settings, containerId);
        var directory = Path.Combine(paths.BundleDir, "exec", execId);
        var process = ExecProcessSpec.Build(paths.ConfigFile, spec);
        Directory.CreateDirectory(directory);
        var processFile = Path.Combine(directory, "process.json");
        ExecProcessSpec.Write(processFile, process);
        var args = ConmonArgs.ForExec(containerId, execId, directory, processFile, runtime.Path, runtime.StateRoot, spec.Tty, spec.Stdin, settings.ConmonLogLevel);

        var (sync, syncChild) = SocketPair.Create(SocketType.Seqpacket);
        var (start, startChild) = SocketPair.Create(SocketType.Seqpacket);
        var (attach, attachChild) = SocketPair.Create(SocketType.Seqpacket);
        var exec = new ConmonExecProcess(sync, start, attach, directory, settings.CreateTimeout);
        try
        {
            ChildProcess launcher;
            using (syncChild)
            using (startChild)
            using (attachChild)
            {
                launcher = ChildProcess.Start(new ProcessStartSpec(settings.ConmonPath, args)
                {
                    Environment = new Dictionary<string, string>
                    {
                        ["_OCI_SYNCPIPE"] = $"{SyncFd}", ["_OCI_STARTPIPE"] = $"{StartFd}", ["_OCI_ATTACHPIPE"] = $"{AttachFd}",
                    },
                    Descriptors = new Dictionary<int, SafeHandle> { [SyncFd] = syncChild, [StartFd] = startChild, [AttachFd] = attachChild },
                });
            }
            using (launcher)
            {
                await exec.SendStartByteAsync(cancellationToken).ConfigureAwait(false);
                var launched = await launcher.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (!launched.Succeeded)
                    throw new RuntimeException("exec", $"conmon exited with {launched.ExitCode}", launched.Stderr);
                var ready = await ReadMessageAsync(attach, settings.CreateTimeout, "exec", cancellationToken).ConfigureAwait(false);
                if (ready.Data < 0) throw new RuntimeException("exec", ready.Text ?? "conmon could not open the attach socket");
            }
            return exec;
        }
        catch
        {
            await exec.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<IAttachStream> AttachAsync(CancellationToken cancellationToken) => ConmonAttachStream.ConnectAsync(_directory, cancellationToken);

    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        await SendStartByteAsync(cancellationToken).ConfigureAwait(false);
        var message = await ReadMessageAsync(_sync, _timeout, "exec", cancellationToken).ConfigureAwait(false);
        if (message.Data > 0) return _pid = message.Data;
        throw new RuntimeException("exec", Describe(message.Text), kind: Classify(message.Text));
    }

    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        if (_exitCode >= 0) return _exitCode;
        var message = await ReadMessageAsync(_sync, Timeout.InfiniteTimeSpan, "exec", cancellationToken, allowEnd: true).ConfigureAwait(false);
        // The pipe ends without a message when conmon was killed: its exit file may still say how the process ended.
        _exitCode = message.Ended ? ReadExitFile() ?? 137 : message.Data;
        return _exitCode;
    }

    public void Resize(int height, int width) => ConmonControl.Resize(_directory, height, width);

    // conmon reaps the process and holds its pid until it has read the exit, so an unreported exit
    // means the pid is still the exec's.
    public void Kill(int signal)
    {
        if (_pid > 0 && _exitCode < 0) Tmds.Linux.LibC.kill(_pid, signal);
    }

    public ValueTask DisposeAsync()
    {
        _sync.Dispose();
        _start.Dispose();
        _attach.Dispose();
        // conmon has left once the exit is known; the directory is only the exec's leftovers then.
        if (_exitCode >= 0)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
        return ValueTask.CompletedTask;
    }

    private async Task SendStartByteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _start.SendAsync(new byte[] { 0 }, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // conmon already died; what it left on its pipes says why.
        }
    }

    private int? ReadExitFile()
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(_directory, "exit")).Trim(), out var code) ? code : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The runtime's words for a command it could not run, as Docker reports them.</summary>
    private static string Describe(string? message) =>
        string.IsNullOrWhiteSpace(message) ? "the runtime could not start the exec process" : message.Trim();

    private static RuntimeErrorKind Classify(string? message) =>
        message is not null && (message.Contains("no such file", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || message.Contains("permission denied", StringComparison.OrdinalIgnoreCase))
            ? RuntimeErrorKind.InvalidArgument
            : RuntimeErrorKind.Failed;

    private sealed record PipeMessage(int Data, string? Text, bool Ended);

    private static async Task<PipeMessage> ReadMessageAsync(Socket pipe, TimeSpan timeout, string operation, CancellationToken cancellationToken, bool allowEnd = false)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        var buffer = new byte[64 * 1024];
        int n;
        try
        {
            n = await pipe.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RuntimeException(operation, $"conmon did not answer within {timeout}");
        }
        catch (SocketException) when (allowEnd)
        {
            return new PipeMessage(-1, null, Ended: true);
        }
        if (n == 0)
        {
            if (allowEnd) return new PipeMessage(-1, null, Ended: true);
            throw new RuntimeException(operation, "conmon closed its pipe without an answer");
        }
        var json = Encoding.UTF8.GetString(buffer, 0, n);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new PipeMessage(doc.RootElement.GetProperty("data").GetInt32(), message, Ended: false);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RuntimeException(operation, $"unreadable message from conmon: {json.Trim()}", inner: e);
        }
    }
}
