using System.Net.Sockets;

namespace Berth.Native.Processes;

/// <summary>
/// A connected AF_UNIX socket pair, both ends close-on-exec: the parent's end as a
/// <see cref="Socket"/> (truly asynchronous, cancellable reads), the other end as a raw handle to
/// pass to a child through <see cref="ProcessStartSpec.Descriptors"/>.
/// </summary>
internal static unsafe class SocketPair
{
    public static (Socket Parent, SafeSocketHandle Child) Create(SocketType type)
    {
        var kind = type switch
        {
            SocketType.Stream => Tmds.Linux.LibC.SOCK_STREAM,
            SocketType.Seqpacket => Tmds.Linux.LibC.SOCK_SEQPACKET,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "stream or seqpacket only"),
        };
        var fds = stackalloc int[2];
        if (Tmds.Linux.LibC.socketpair(Tmds.Linux.LibC.AF_UNIX, kind | Tmds.Linux.LibC.SOCK_CLOEXEC, 0, fds) != 0)
            throw new IOException($"socketpair failed: errno {Tmds.Linux.LibC.errno}");
        var child = new SafeSocketHandle(fds[1], ownsHandle: true);
        try
        {
            return (new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)), child);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }
}
