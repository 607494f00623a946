using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Berth.Native.Archive;

/// <summary>
/// The fd-relative system calls that keep every access inside a container's root: openat2 with
/// RESOLVE_IN_ROOT (symlinks and ".." confined to the root, by the kernel, race-free), and the
/// *at calls that never follow a final symlink. errno is read right after each call, EINTR retried.
/// </summary>
internal static unsafe partial class FdCalls
{
    public const int OPath = 0x200000, ODirectory = 0x10000, ONoFollow = 0x20000, OCloexec = 0x80000,
        ORdOnly = 0, OWrOnly = 1, OCreat = 0x40, OExcl = 0x80, OTrunc = 0x200;
    public const int AtSymlinkNoFollow = 0x100, AtRemoveDir = 0x200, AtEmptyPath = 0x1000;
    private const ulong ResolveNoMagicLinks = 0x02, ResolveInRoot = 0x10;
    private const long SysOpenat2 = 437; // the same number on every architecture (new-style syscall table)
    private const int Eintr = 4;

    /// <summary>Opens <paramref name="path"/> as if <paramref name="rootFd"/> were "/": absolute symlinks and ".." never leave it.</summary>
    public static int OpenInRoot(int rootFd, string path, int flags, string shown)
    {
        var how = stackalloc ulong[3];
        how[0] = (ulong)(flags | OCloexec);
        how[1] = 0;
        how[2] = ResolveInRoot | ResolveNoMagicLinks;
        var bytes = Bytes(path.Length == 0 ? "." : path);
        long rc;
        fixed (byte* p = bytes)
            do rc = syscall(SysOpenat2, rootFd, p, how, 24); while (rc == -1 && Marshal.GetLastPInvokeError() == Eintr);
        return rc >= 0 ? (int)rc : throw Failure("open", shown, Marshal.GetLastPInvokeError());
    }

    public static int OpenAt(int dirFd, string name, int flags, uint mode, string shown)
    {
        int rc;
        fixed (byte* p = Bytes(name))
            do rc = LibC.openat(dirFd, p, flags | OCloexec, (ushort)mode); while (rc == -1 && Marshal.GetLastPInvokeError() == Eintr);
        return rc >= 0 ? rc : throw Failure("open", shown, Marshal.GetLastPInvokeError());
    }

    /// <summary>fstatat without following a final symlink; null when absent.</summary>
    public static EntryStat? StatAt(int dirFd, string name, string shown)
    {
        stat st;
        int rc;
        fixed (byte* p = Bytes(name))
            do rc = fstatat(dirFd, p, &st, name.Length == 0 ? AtEmptyPath | AtSymlinkNoFollow : AtSymlinkNoFollow);
            while (rc == -1 && Marshal.GetLastPInvokeError() == Eintr);
        if (rc == 0) return EntryStat.From(st);
        var errno = Marshal.GetLastPInvokeError();
        return errno is 2 or 20 ? null : throw Failure("stat", shown, errno);
    }

    public static EntryStat Stat(int fd, string shown) => StatAt(fd, "", shown) ?? throw Failure("stat", shown, 2);

    public static string ReadLinkAt(int dirFd, string name, string shown)
    {
        var buffer = new byte[4096];
        nint n;
        fixed (byte* p = Bytes(name))
        fixed (byte* b = buffer)
            n = (nint)LibC.readlinkat(dirFd, p, b, buffer.Length);
        return n >= 0 ? Encoding.UTF8.GetString(buffer, 0, (int)n) : throw Failure("readlink", shown, Marshal.GetLastPInvokeError());
    }

    public static void MkdirAt(int dirFd, string name, uint mode, string shown)
    {
        int rc;
        fixed (byte* p = Bytes(name)) rc = LibC.mkdirat(dirFd, p, (ushort)(mode & 0xFFF));
        Check(rc, "mkdir", shown);
    }

    public static void SymlinkAt(string target, int dirFd, string name, string shown)
    {
        int rc;
        fixed (byte* t = Bytes(target))
        fixed (byte* p = Bytes(name))
            rc = LibC.symlinkat(t, dirFd, p);
        Check(rc, "symlink", shown);
    }

    /// <summary>Hard-links the file open at <paramref name="existingFd"/> (an O_PATH fd) as <paramref name="name"/>.</summary>
    public static void LinkFd(int existingFd, int dirFd, string name, string shown)
    {
        int rc;
        fixed (byte* e = Bytes(""))
        fixed (byte* p = Bytes(name))
            rc = linkat(existingFd, e, dirFd, p, AtEmptyPath);
        Check(rc, "link", shown);
    }

    public static void MknodAt(int dirFd, string name, uint mode, uint major, uint minor, string shown)
    {
        ulong dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
                  | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        int rc;
        fixed (byte* p = Bytes(name)) rc = mknodat(dirFd, p, mode, dev);
        Check(rc, "mknod", shown);
    }

    public static void UnlinkAt(int dirFd, string name, bool directory, string shown)
    {
        int rc;
        fixed (byte* p = Bytes(name)) rc = LibC.unlinkat(dirFd, p, directory ? AtRemoveDir : 0);
        Check(rc, "remove", shown);
    }

    /// <summary>Owner of the entry itself (a symlink's own owner).</summary>
    public static void ChownAt(int dirFd, string name, uint uid, uint gid, string shown)
    {
        int rc;
        fixed (byte* p = Bytes(name)) rc = LibC.fchownat(dirFd, p, uid, gid, AtSymlinkNoFollow);
        Check(rc, "chown", shown);
    }

    /// <summary>chmod through an fd (O_PATH fds included, via their /proc/self/fd link): no path is re-resolved.</summary>
    public static void ChmodFd(int fd, uint mode, string shown)
    {
        int rc;
        fixed (byte* p = Bytes($"/proc/self/fd/{fd}")) rc = LibC.chmod(p, (ushort)(mode & 0xFFF));
        Check(rc, "chmod", shown);
    }

    /// <summary>Sets the entry's own atime and mtime (never a symlink's target).</summary>
    public static void SetTimesAt(int dirFd, string name, DateTimeOffset modified, string shown)
    {
        var times = stackalloc timespec[2];
        var ticks = (modified - DateTimeOffset.UnixEpoch).Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0) { seconds--; rest += TimeSpan.TicksPerSecond; }
        times[0].tv_sec = seconds;
        times[0].tv_nsec = (long_t)(rest * 100);
        times[1] = times[0];
        int rc;
        fixed (byte* p = Bytes(name)) rc = LibC.utimensat(dirFd, p, times, AtSymlinkNoFollow);
        Check(rc, "utimes", shown);
    }

    public static void Close(int fd)
    {
        if (fd >= 0) LibC.close(fd);
    }

    public static ArchiveException Failure(string call, string shown, int errno) => new(errno switch
    {
        2 => ArchiveErrorKind.NotFound,
        20 or 21 or 22 or 36 or 40 or 18 => ArchiveErrorKind.InvalidParameter, // ENOTDIR EISDIR EINVAL ENAMETOOLONG ELOOP EXDEV
        17 or 39 or 30 or 1 or 13 => ArchiveErrorKind.Conflict, // EEXIST ENOTEMPTY EROFS EPERM EACCES
        _ => ArchiveErrorKind.Internal,
    }, $"{call} {shown}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);

    private static void Check(int rc, string call, string shown)
    {
        if (rc != 0) throw Failure(call, shown, Marshal.GetLastPInvokeError());
    }

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + '\0');

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, int dirFd, byte* path, ulong* how, nuint size);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fstatat(int dirFd, byte* path, stat* buf, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int linkat(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mknodat(int dirFd, byte* path, uint mode, ulong dev);
}
