using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Berth.Native.Storage;

/// <summary>
/// The file-system system calls the layer code needs and the BCL lacks (lstat types, lchown,
/// mknod, link, utimensat without following links, xattrs, realpath). errno is read right after
/// each call, EINTR retried, and a failure becomes a <see cref="StorageException"/> naming the call.
/// </summary>
internal static unsafe partial class Posix
{
    public const uint TypeMask = 0xF000, Directory = 0x4000, Regular = 0x8000, Symlink = 0xA000,
        CharDevice = 0x2000, BlockDevice = 0x6000, Fifo = 0x1000;

    /// <summary>Permission bits written the octal way round (C# has no octal literals).</summary>
    public const uint Mode755 = 0b111_101_101, Mode710 = 0b111_001_000, Mode700 = 0b111_000_000, Mode644 = 0b110_100_100, Mode600 = 0b110_000_000;

    /// <summary>The S_IFMT bits of <paramref name="path"/> itself (links not followed); null if absent.</summary>
    public static uint? FileType(string path)
    {
        stat st;
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = lstat(p, &st); while (Interrupted(rc));
        if (rc == 0) return (ushort)st.st_mode & TypeMask;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is 2 or 20) return null; // ENOENT, ENOTDIR
        throw Failure("lstat", path, errno);
    }

    /// <summary>lstat(2) in full; null if the path does not exist.</summary>
    public static FileStatus? Lstat(string path)
    {
        stat st;
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = lstat(p, &st); while (Interrupted(rc));
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is 2 or 20 ? null : throw Failure("lstat", path, errno);
        }
        ulong rdev = st.st_rdev;
        var major = (uint)(((rdev >> 32) & 0xfffff000) | ((rdev >> 8) & 0xfff));
        var minor = (uint)(((rdev >> 12) & 0xffffff00) | (rdev & 0xff));
        var modified = DateTimeOffset.FromUnixTimeSeconds(st.st_mtim.tv_sec).AddTicks((long)st.st_mtim.tv_nsec / 100);
        return new FileStatus((ushort)st.st_mode, st.st_uid, st.st_gid, major, minor, st.st_ino, (ulong)st.st_nlink, modified);
    }

    public static void Lchown(string path, uint uid, uint gid)
    {
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = lchown(p, uid, gid); while (Interrupted(rc));
        Check(rc, "lchown", path);
    }

    /// <summary>chmod(2): permission bits including set-uid, set-gid and sticky (follows links: never call on one).</summary>
    public static void Chmod(string path, uint mode)
    {
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = chmod(p, (ushort)(mode & 0xFFF)); while (Interrupted(rc));
        Check(rc, "chmod", path);
    }

    /// <summary>mkdir(2) with exact permission bits (the umask is re-applied by a following <see cref="Chmod"/>).</summary>
    public static void Mkdir(string path, uint mode)
    {
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = mkdir(p, (ushort)(mode & 0xFFF)); while (Interrupted(rc));
        Check(rc, "mkdir", path);
        Chmod(path, mode);
    }

    /// <summary>Creates a device node or fifo; <paramref name="mode"/> holds the type and permission bits.</summary>
    public static void Mknod(string path, uint mode, uint major, uint minor)
    {
        ulong dev = ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
                  | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = mknod(p, (ushort)mode, dev); while (Interrupted(rc));
        Check(rc, "mknod", path);
    }

    public static void Link(string existing, string newPath)
    {
        int rc;
        fixed (byte* o = Bytes(existing))
        fixed (byte* n = Bytes(newPath))
            do rc = link(o, n); while (Interrupted(rc));
        Check(rc, "link", newPath);
    }

    /// <summary>Sets atime and mtime of the path itself (a symlink's own times, not its target's).</summary>
    public static void SetTimes(string path, DateTimeOffset modified)
    {
        var ms = modified.ToUnixTimeMilliseconds();
        var times = stackalloc timespec[2];
        var seconds = Math.DivRem(ms, 1000, out var rest);
        if (rest < 0) { seconds--; rest += 1000; } // before 1970: nanoseconds must stay positive
        times[0].tv_sec = seconds;
        times[0].tv_nsec = (long_t)(rest * 1_000_000);
        times[1] = times[0];
        int rc;
        fixed (byte* p = Bytes(path))
            do rc = utimensat(AT_FDCWD, p, times, AT_SYMLINK_NOFOLLOW); while (Interrupted(rc));
        Check(rc, "utimensat", path);
    }

    public static void SetXattr(string path, string name, ReadOnlySpan<byte> value)
    {
        int rc;
        fixed (byte* v = value) rc = lsetxattr(path, name, v, (nuint)value.Length, 0);
        Check(rc, "lsetxattr " + name, path);
    }

    /// <summary>An extended attribute of the path itself; null if it has none of that name.</summary>
    public static byte[]? GetXattr(string path, string name)
    {
        var buffer = new byte[4096];
        nint n;
        fixed (byte* b = buffer) n = lgetxattr(path, name, b, (nuint)buffer.Length);
        if (n >= 0) return buffer[..(int)n];
        var errno = Marshal.GetLastPInvokeError();
        if (errno == 61) return null; // ENODATA
        throw Failure("lgetxattr " + name, path, errno);
    }

    /// <summary>The canonical absolute path (every symlink resolved), as /proc/self/mountinfo shows it.</summary>
    public static string RealPath(string path)
    {
        var buffer = new byte[4097];
        fixed (byte* b = buffer)
        {
            if (realpath(path, b) == null) throw Failure("realpath", path, Marshal.GetLastPInvokeError());
            return Marshal.PtrToStringUTF8((nint)b)!;
        }
    }

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    private static StorageException Failure(string call, string path, int errno) =>
        new(errno == 2 ? StorageErrorKind.NotFound : StorageErrorKind.Internal, $"{call} {path}: {Describe(errno)}", errno);

    private static void Check(int rc, string call, string path)
    {
        if (rc != 0) throw Failure(call, path, Marshal.GetLastPInvokeError());
    }

    private static bool Interrupted(int rc) => rc == -1 && Marshal.GetLastPInvokeError() == 4; // EINTR

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + '\0');

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* realpath(string path, byte* resolved);
}
