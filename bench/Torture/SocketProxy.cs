using System.Net.Sockets;

namespace Berth.Torture;

/// <summary>
/// A byte pump between the burst's clients and the daemon's socket. It exists to time the kill: a
/// `berth` client takes a while to start, so "0–300 ms into the burst" is measured from the moment the
/// first request byte of the round really arrives (<see cref="FirstRequest"/>).
/// </summary>
internal sealed class SocketProxy : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SocketProxy(string path, string target)
    {
        _target = target;
        if (File.Exists(path)) File.Delete(path);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(128);
        Path = path;
        _accepting = AcceptAsync();
    }

    public string Path { get; }

    /// <summary>Completes when a client has sent its first bytes since the last <see cref="Arm"/>.</summary>
    public Task FirstRequest => _first.Task;

    public void Arm() => _first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = PumpAsync(client);
        }
    }

    private async Task PumpAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_target));
            await Task.WhenAny(CopyAsync(client, upstream, signal: true), CopyAsync(upstream, client, signal: false));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The daemon is down (or was just killed): the client sees its connection close, as it would without the proxy.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task CopyAsync(Socket from, Socket to, bool signal)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) break;
                if (signal) _first.TrySetResult();
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
