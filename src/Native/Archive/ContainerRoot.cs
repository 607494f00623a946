namespace Berth.Native.Archive;

/// <summary>
/// A container's root file system seen from the host, held open by an fd. Every path is resolved by
/// the kernel as if that fd were "/" (openat2 RESOLVE_IN_ROOT): an absolute symlink, a "../.." or a
/// link swapped in by the running container lands inside the root, never on the host.
/// </summary>
public sealed class ContainerRoot : IDisposable
{
    private readonly string _hostPath;

    private ContainerRoot(int fd, string hostPath)
    {
        Fd = fd;
        _hostPath = hostPath.TrimEnd('/');
    }

    internal int Fd { get; private set; }

    public static ContainerRoot Open(string hostPath)
    {
        var fd = FdCalls.OpenAt(-100, hostPath, FdCalls.OPath | FdCalls.ODirectory, 0, hostPath); // AT_FDCWD
        var real = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        return new ContainerRoot(fd, string.IsNullOrEmpty(real) ? hostPath : real);
    }

    /// <summary>
    /// Docker's ResolvePath: the directory part is resolved (symlinks followed, inside the root); the
    /// last component is kept as is unless the path ends in "/" or "/.", which resolves it too.
    /// Returns the absolute container path to open and whether to follow a final symlink.
    /// </summary>
    public static (string Path, bool FollowFinal) Split(string containerPath)
    {
        if (containerPath.Length == 0) throw new ArchiveException(ArchiveErrorKind.InvalidParameter, "path is required");
        if (containerPath.Contains('\0')) throw new ArchiveException(ArchiveErrorKind.InvalidParameter, "path contains a NUL byte");
        var follow = containerPath.EndsWith('/') || containerPath.EndsWith("/.", StringComparison.Ordinal) || containerPath == ".";
        var absolute = "/" + containerPath.TrimStart('/');
        return (absolute, follow);
    }

    /// <summary>Opens a container path; <paramref name="followFinal"/> false opens a final symlink itself.</summary>
    internal int Open(string containerPath, bool followFinal, int flags) =>
        FdCalls.OpenInRoot(Fd, containerPath, flags | (followFinal ? 0 : FdCalls.ONoFollow), containerPath);

    /// <summary>The container path an open fd stands for (its /proc/self/fd link, with the root's host prefix taken off).</summary>
    internal string ContainerPathOf(int fd)
    {
        var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? "";
        if (target == _hostPath) return "/";
        return target.StartsWith(_hostPath + "/", StringComparison.Ordinal) ? target[_hostPath.Length..] : "/";
    }

    /// <summary>Docker's StatPath: lstat of the resolved path; a symlink reports its target resolved in the root.</summary>
    public PathStat Stat(string containerPath)
    {
        var (path, follow) = Split(containerPath);
        var fd = Open(path, follow, FdCalls.OPath);
        try
        {
            var st = FdCalls.Stat(fd, path);
            var link = "";
            if (st.Type == EntryStat.Symlink)
            {
                try
                {
                    var target = Open(path, followFinal: true, FdCalls.OPath);
                    try { link = ContainerPathOf(target); } finally { FdCalls.Close(target); }
                }
                catch (ArchiveException) { link = FdCalls.ReadLinkAt(fd, "", path); } // dangling: report the text
            }
            return new PathStat(BaseName(containerPath), st.Size, PathStat.GoMode(st.Mode), st.Modified, link);
        }
        finally { FdCalls.Close(fd); }
    }

    /// <summary>Go's filepath.Base of the path as the user wrote it ("/etc/." → ".", "/" → "/").</summary>
    public static string BaseName(string containerPath)
    {
        var trimmed = containerPath.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    public void Dispose()
    {
        FdCalls.Close(Fd);
        Fd = -1;
    }
}
