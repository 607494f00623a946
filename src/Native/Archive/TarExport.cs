using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;

namespace Berth.Native.Archive;

/// <summary>
/// Writes a tar of a path inside a container's root (<c>docker cp</c> out, <c>docker export</c>):
/// walks by fds only — each child opened relative to its already-open parent with O_NOFOLLOW — so
/// nothing the container does can redirect the walk to the host. Hard links become link entries,
/// sockets are skipped (as Docker does).
/// </summary>
public static class TarExport
{
    private const int ONonBlock = 0x800;

    /// <summary>Tars <paramref name="containerPath"/> (Docker's ResolvePath rules) with its root entry named <paramref name="rootName"/>.</summary>
    public static async Task WriteAsync(ContainerRoot root, string containerPath, string rootName, Stream output, CancellationToken cancel)
    {
        var (path, follow) = ContainerRoot.Split(containerPath);
        var fd = root.Open(path, follow, FdCalls.OPath);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        var links = new Dictionary<(ulong, ulong), string>();
        try
        {
            var st = FdCalls.Stat(fd, path);
            // The "/." form names the contents, not the directory: children go in without a prefix.
            var prefix = rootName is "." ? "" : rootName.TrimEnd('/');
            await WriteEntryAsync(writer, fd, "", st, rootName is "." ? "./" : prefix, prefix, links, path, cancel);
        }
        finally { FdCalls.Close(fd); }
    }

    private static async Task WriteEntryAsync(TarWriter writer, int dirFd, string name, EntryStat st, string entryName, string childPrefix,
        Dictionary<(ulong, ulong), string> links, string shown, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (st.Type == EntryStat.Socket) return;
        if (!st.IsDirectory && st.Links > 1)
        {
            if (links.TryGetValue((st.Device, st.Inode), out var first))
            {
                await writer.WriteEntryAsync(Header(new PaxTarEntry(TarEntryType.HardLink, entryName) { LinkName = first }, st), cancel);
                return;
            }
            links[(st.Device, st.Inode)] = entryName;
        }
        switch (st.Type)
        {
            case EntryStat.Directory:
                await writer.WriteEntryAsync(Header(new PaxTarEntry(TarEntryType.Directory, entryName.EndsWith('/') ? entryName : entryName + "/"), st), cancel);
                var dir = OpenChild(dirFd, name, FdCalls.ORdOnly | FdCalls.ODirectory, shown);
                try
                {
                    foreach (var child in Children(dir))
                    {
                        if (FdCalls.StatAt(dir, child, shown + "/" + child) is not { } cst) continue; // gone meanwhile
                        var childName = childPrefix.Length == 0 ? child : childPrefix + "/" + child;
                        await WriteEntryAsync(writer, dir, child, cst, childName, childName, links, shown + "/" + child, cancel);
                    }
                }
                finally { FdCalls.Close(dir); }
                break;
            case EntryStat.Regular:
                var file = OpenChild(dirFd, name, FdCalls.ORdOnly | ONonBlock, shown);
                using (var handle = new SafeFileHandle(file, ownsHandle: true))
                {
                    var now = FdCalls.Stat(file, shown);
                    if (now.Type != EntryStat.Regular) return;
                    await using var data = new FileStream(handle, FileAccess.Read, 1, isAsync: false);
                    var entry = Header(new PaxTarEntry(TarEntryType.RegularFile, entryName), now);
                    entry.DataStream = new LengthLimitedStream(data, now.Size);
                    await writer.WriteEntryAsync(entry, cancel);
                }
                break;
            case EntryStat.Symlink:
                var target = FdCalls.ReadLinkAt(dirFd, name, shown);
                await writer.WriteEntryAsync(Header(new PaxTarEntry(TarEntryType.SymbolicLink, entryName) { LinkName = target }, st), cancel);
                break;
            case EntryStat.CharDevice or EntryStat.BlockDevice:
                var type = st.Type == EntryStat.CharDevice ? TarEntryType.CharacterDevice : TarEntryType.BlockDevice;
                await writer.WriteEntryAsync(Header(new PaxTarEntry(type, entryName) { DeviceMajor = (int)st.Major, DeviceMinor = (int)st.Minor }, st), cancel);
                break;
            case EntryStat.Fifo:
                await writer.WriteEntryAsync(Header(new PaxTarEntry(TarEntryType.Fifo, entryName), st), cancel);
                break;
        }
    }

    /// <summary>
    /// Opens a child of an open directory without following a symlink; an empty name reopens the
    /// O_PATH fd itself through its /proc link (which names that inode, not a path).
    /// </summary>
    internal static int OpenChild(int dirFd, string name, int flags, string shown) => name.Length == 0
        ? FdCalls.OpenAt(-100, $"/proc/self/fd/{dirFd}", flags, 0, shown)
        : FdCalls.OpenAt(dirFd, name, flags | FdCalls.ONoFollow, 0, shown);

    /// <summary>The names in an open directory (read through its fd's /proc link, so the path is never re-resolved).</summary>
    internal static List<string> Children(int dirFd)
    {
        var names = new List<string>();
        foreach (var entry in new DirectoryInfo($"/proc/self/fd/{dirFd}").EnumerateFileSystemInfos())
            names.Add(entry.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static PaxTarEntry Header(PaxTarEntry entry, EntryStat st)
    {
        entry.Mode = (UnixFileMode)st.Permissions;
        entry.Uid = (int)st.Uid;
        entry.Gid = (int)st.Gid;
        entry.ModificationTime = st.Modified;
        return entry;
    }
}
