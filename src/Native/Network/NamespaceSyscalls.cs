using System.Runtime.InteropServices;
using System.Text;
using static Tmds.Linux.LibC;

namespace Berth.Native.Network;

/// <summary>
/// The system calls behind network namespaces: unshare, setns, a bind mount, umount2, statfs and
/// the interface-flags ioctl that brings <c>lo</c> up.
/// errno is read right after each call; EINTR is retried. They act on the CALLING THREAD's
/// namespace: only <see cref="NetworkNamespaces"/> calls them, from threads it owns.
/// </summary>
internal static unsafe partial class NamespaceSyscalls
{
    public const int EINTR = 4, ENOENT = 2, EINVAL = 22;

    /// <summary>ioctl requests on a socket: get / set an interface's flags (struct ifreq).</summary>
    private const nuint SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914;
    private const short IFF_UP = 0x1;

    /// <summary>statfs(2) f_type of a namespace file (nsfs).</summary>
    private const long NsfsMagic = 0x6e736673;

    /// <summary>Moves the calling thread into a fresh, empty network namespace.</summary>
    public static void UnshareNetwork() => Check(Retry(() => unshare(CLONE_NEWNET)), "unshare(CLONE_NEWNET)");

    /// <summary>Moves the calling thread into the network namespace behind <paramref name="fd"/>.</summary>
    public static void SetNetwork(int fd) => Check(Retry(() => setns(fd, CLONE_NEWNET)), "setns(CLONE_NEWNET)");

    /// <summary>
    /// Sets <c>lo</c> of the calling thread's network namespace up, what the CNI loopback plugin
    /// does, without a process: SIOCGIFFLAGS/SIOCSIFFLAGS on a datagram socket made inside it.
    /// </summary>
    public static void BringLoopbackUp()
    {
        var fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw Failure("socket(AF_INET, SOCK_DGRAM)", Marshal.GetLastPInvokeError());
        try
        {
            // struct ifreq: char ifr_name[IFNAMSIZ = 16], then a union whose ifr_flags is a short; 40 bytes.
            var request = stackalloc byte[40];
            new Span<byte>(request, 40).Clear();
            "lo"u8.CopyTo(new Span<byte>(request, 16));
            int rc;
            do rc = ioctl(fd, SIOCGIFFLAGS, request); while (Interrupted(rc));
            Check(rc, "ioctl(lo, SIOCGIFFLAGS)");
            *(short*)(request + 16) |= IFF_UP;
            do rc = ioctl(fd, SIOCSIFFLAGS, request); while (Interrupted(rc));
            Check(rc, "ioctl(lo, SIOCSIFFLAGS)");
        }
        finally
        {
            close(fd);
        }
    }

    public static void BindMount(string source, string target)
    {
        int rc;
        fixed (byte* s = Bytes(source))
        fixed (byte* t = Bytes(target))
        fixed (byte* type = Bytes("none"))
            do rc = mount(s, t, type, (Tmds.Linux.ulong_t)(ulong)MS_BIND, null); while (Interrupted(rc));
        Check(rc, $"mount --bind {source} {target}");
    }

    /// <summary>Detaches the mount at <paramref name="target"/>; returns the errno (0 = unmounted).</summary>
    public static int DetachMount(string target)
    {
        int rc;
        fixed (byte* t = Bytes(target))
            do rc = umount2(t, MNT_DETACH); while (Interrupted(rc));
        return rc == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Whether <paramref name="path"/> is a namespace file (a mounted nsfs inode).</summary>
    public static bool IsNamespaceFile(string path)
    {
        // struct statfs is 120 bytes on 64-bit Linux; f_type (__fsword_t, a long) comes first.
        var buffer = stackalloc byte[256];
        int rc;
        do rc = statfs(path, buffer); while (Interrupted(rc));
        if (rc == 0) return *(nint*)buffer == (nint)NsfsMagic;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or 20) return false; // ENOTDIR
        throw Failure($"statfs {path}", errno);
    }

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    public static NetworkException Failure(string call, int errno) =>
        new(NetworkErrorKind.Internal, $"{call}: {Describe(errno)}");

    private static int Retry(Func<int> call)
    {
        int rc;
        do rc = call(); while (Interrupted(rc));
        return rc;
    }

    private static void Check(int rc, string call)
    {
        if (rc != 0) throw Failure(call, Marshal.GetLastPInvokeError());
    }

    private static bool Interrupted(int rc) => rc == -1 && Marshal.GetLastPInvokeError() == EINTR;

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s + '\0');

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statfs(string path, byte* buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, byte* argument);
}
