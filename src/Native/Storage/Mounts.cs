using System.Runtime.InteropServices;
using System.Text;
using static Tmds.Linux.LibC;

namespace Berth.Native.Storage;

/// <summary>
/// mount(2) and umount2(2) at intent level: mount an overlay, unmount idempotently, ask whether a
/// path is a mount point. errno becomes a <see cref="MountException"/>; EINTR is retried here.
/// </summary>
public static unsafe class Mounts
{
    /// <summary>The kernel copies at most one page of mount data; longer option strings are cut.</summary>
    public const int MaxMountData = 4095;

    /// <summary>
    /// Mounts an overlay at <paramref name="target"/>: <paramref name="lowerDirs"/> top first, then the
    /// read-write <paramref name="upperDir"/> and its <paramref name="workDir"/>, all relative to
    /// <paramref name="baseDir"/>. The options name absolute paths when they fit in the one page the
    /// kernel copies; for a long stack of layers they name paths relative to <paramref name="baseDir"/>,
    /// mounted from a thread whose working directory is private to it (unshare(CLONE_FS)), so that
    /// no other thread of the process sees its working directory change.
    /// </summary>
    public static void MountOverlay(string target, string baseDir, IReadOnlyList<string> lowerDirs, string upperDir, string workDir)
    {
        if (lowerDirs.Count == 0) throw new ArgumentException("an overlay needs at least one lower directory", nameof(lowerDirs));
        foreach (var dir in lowerDirs.Append(upperDir).Append(workDir).Append(baseDir))
            if (dir.IndexOfAny([',', ':', '\\']) >= 0)
                throw new MountException(target, $"overlay path \"{dir}\" contains ',', ':' or '\\'", 22);
        var absolute = OverlayData(lowerDirs.Select(d => Path.Join(baseDir, d)), Path.Join(baseDir, upperDir), Path.Join(baseDir, workDir));
        if (Encoding.UTF8.GetByteCount(absolute) <= MaxMountData)
        {
            Mount("overlay", target, "overlay", 0, absolute);
            return;
        }
        var relative = OverlayData(lowerDirs, upperDir, workDir);
        if (Encoding.UTF8.GetByteCount(relative) > MaxMountData)
            throw new MountException(target,
                $"overlay options for {lowerDirs.Count} lower layers exceed one page ({MaxMountData} bytes): too many layers", 22);
        InDirectory(baseDir, () => Mount("overlay", target, "overlay", 0, relative));
    }

    private static string OverlayData(IEnumerable<string> lowerDirs, string upperDir, string workDir) =>
        $"lowerdir={string.Join(':', lowerDirs)},upperdir={upperDir},workdir={workDir}";

    /// <summary>Runs <paramref name="action"/> on a new thread whose working directory (and only its) is <paramref name="directory"/>.</summary>
    private static void InDirectory(string directory, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                if (unshare(CLONE_FS) != 0)
                    throw new StorageException(StorageErrorKind.Internal, $"unshare(CLONE_FS): {Posix.Describe(Marshal.GetLastPInvokeError())}");
                int rc;
                fixed (byte* d = Bytes(directory)) rc = chdir(d);
                if (rc != 0)
                    throw new StorageException(StorageErrorKind.Internal, $"chdir {directory}: {Posix.Describe(Marshal.GetLastPInvokeError())}");
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "berth-mount" };
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>A plain mount(2).</summary>
    public static void Mount(string source, string target, string fsType, ulong flags, string? data)
    {
        int rc;
        fixed (byte* s = Bytes(source))
        fixed (byte* t = Bytes(target))
        fixed (byte* f = Bytes(fsType))
        fixed (byte* d = data is null ? null : Bytes(data))
            do rc = mount(s, t, f, (Tmds.Linux.ulong_t)flags, d); while (Interrupted(rc));
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new MountException(target, $"mount {fsType} on {target}: {Posix.Describe(errno)}", errno);
        }
    }

    /// <summary>
    /// Unmounts <paramref name="target"/> (every mount stacked on it). Not mounted or absent is
    /// success; a busy mount is detached lazily (MNT_DETACH) so that it leaves the namespace now.
    /// </summary>
    public static void Unmount(string target)
    {
        for (var stacked = 0; stacked < 16 && IsMountPoint(target); stacked++)
        {
            var errno = Umount(target, 0);
            if (errno == 16) errno = Umount(target, MNT_DETACH); // EBUSY
            if (errno is 0 or 22 or 2) continue;                   // EINVAL: not a mount point; ENOENT: gone
            throw new MountException(target, $"umount {target}: {Posix.Describe(errno)}", errno);
        }
    }

    /// <summary>Whether <paramref name="path"/> (an absolute, canonical path) is a mount point in this namespace.</summary>
    public static bool IsMountPoint(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return MountInfo.ReadAll().Any(m => m.MountPoint == full);
    }

    private static int Umount(string target, int flags)
    {
        int rc;
        fixed (byte* t = Bytes(target))
            do rc = umount2(t, flags); while (Interrupted(rc));
        return rc == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static bool Interrupted(int rc) => rc == -1 && Marshal.GetLastPInvokeError() == 4;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text + '\0');
}
