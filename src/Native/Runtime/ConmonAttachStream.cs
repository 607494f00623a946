using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Berth.Native.Runtime;

/// <summary>
/// conmon's attach socket (<c>&lt;dir&gt;/attach</c>, SOCK_SEQPACKET), as Podman speaks it: each packet
/// from conmon starts with one byte naming the pipe (2 = stdout, 3 = stderr; a TTY's output comes as
/// stdout), the rest is output; packets sent to conmon are stdin; a shutdown of our write side is
/// stdin's end. The socket is reached through <c>/proc/self/fd/&lt;dirfd&gt;/attach</c>, as conmon binds
/// it, so a deep exec root never hits the 108-byte limit of a unix socket path.
/// </summary>
internal sealed class ConmonAttachStream : IAttachStream
{
    // conmon reads stdin packets into a buffer of this size; a larger packet would be cut.
    private const int MaxStdinPacket = 8192;
    private const byte StdoutPipe = 2;
    private const byte StderrPipe = 3;

    private readonly Socket _socket;
    private byte[] _packet = new byte[32 * 1024 + 1];
    private int _pending;
    private int _pendingOffset;
    private AttachStreamKind _pendingKind;

    private ConmonAttachStream(Socket socket) => _socket = socket;

    public static async Task<IAttachStream> ConnectAsync(string directory, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        var dirFd = OpenPath(directory);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint($"/proc/self/fd/{dirFd}/attach"), cancellationToken).ConfigureAwait(false);
            return new ConmonAttachStream(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RuntimeException("attach", $"cannot connect to the monitor's attach socket in {directory}: {e.Message}",
                kind: e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable ? RuntimeErrorKind.NotFound : RuntimeErrorKind.Failed);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            LibC.close(dirFd);
        }
    }

    public async ValueTask<AttachRead> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_pending == 0)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(_packet, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown)
            {
                return AttachRead.End;
            }
            catch (ObjectDisposedException)
            {
                return AttachRead.End;
            }
            if (n == 0) return AttachRead.End;
            // Other pipe ids (none today) carry nothing a client asked for.
            if (n < 2 || _packet[0] is not (StdoutPipe or StderrPipe)) continue;
            _pendingKind = _packet[0] == StderrPipe ? AttachStreamKind.Stderr : AttachStreamKind.Stdout;
            _pendingOffset = 1;
            _pending = n - 1;
        }
        var count = Math.Min(_pending, buffer.Length);
        _packet.AsMemory(_pendingOffset, count).CopyTo(buffer);
        _pendingOffset += count;
        _pending -= count;
        return new AttachRead(_pendingKind, count);
    }

    public async ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(MaxStdinPacket, data.Length)];
            await _socket.SendAsync(chunk, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[chunk.Length..];
        }
    }

    public void CloseStdin()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: the process's stdin is closed with it.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _packet = [];
        return ValueTask.CompletedTask;
    }

    private static unsafe int OpenPath(string directory)
    {
        var bytes = Encoding.UTF8.GetBytes(directory + "\0");
        fixed (byte* path = bytes)
        {
            var fd = LibC.open(path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new RuntimeException("attach", $"no attach socket: cannot open {directory} (errno {errno})", kind: RuntimeErrorKind.NotFound);
            }
            return fd;
        }
    }
}
