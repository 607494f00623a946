using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;

namespace Berth.Native.Archive;

/// <summary>
/// Extracts a tar into a directory inside a container's root (<c>docker cp</c> in). Every entry's
/// parent is opened inside the root by the kernel (RESOLVE_IN_ROOT), and the entry is made relative
/// to that fd without following a final symlink: a tar holding <c>link -&gt; /</c> then
/// <c>link/etc/passwd</c>, or a container racing a symlink in, writes inside the root, never on the host.
/// </summary>
public static class TarExtract
{
    /// <summary>Extracts <paramref name="tar"/> into <paramref name="containerDir"/> (which must exist and be a directory).</summary>
    /// <param name="noOverwriteDirNonDir">Docker's flag: refuse to replace a directory by a non-directory or the reverse.</param>
    /// <param name="keepOwners">Keep the tar's uid/gid; otherwise everything is owned by root (docker cp without -a).</param>
    public static async Task ExtractAsync(ContainerRoot root, string containerDir, Stream tar, bool noOverwriteDirNonDir, bool keepOwners,
        CancellationToken cancel)
    {
        var (path, _) = ContainerRoot.Split(containerDir);
        string dest;
        var destFd = root.Open(path, followFinal: true, FdCalls.OPath);
        try
        {
            if (!FdCalls.Stat(destFd, path).IsDirectory)
                throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"extraction point is not a directory: {containerDir}");
            dest = root.ContainerPathOf(destFd).TrimEnd('/');
        }
        finally { FdCalls.Close(destFd); }
        var directories = new List<(string Parent, string Name, DateTimeOffset Modified)>();
        var reader = new TarReader(tar, leaveOpen: true);
        await using (reader)
        {
            while (await Next(reader, cancel) is { } entry)
            {
                var rel = Clean(entry.Name);
                if (rel.Count == 0) continue; // "./": the destination itself
                var parent = dest + "/" + string.Join('/', rel.Take(rel.Count - 1));
                var parentFd = EnsureDirectory(root, dest, rel.Take(rel.Count - 1).ToList());
                try
                {
                    var made = await MakeAsync(root, dest, parentFd, rel[^1], entry, noOverwriteDirNonDir, parent, cancel);
                    if (!made) continue;
                    Attributes(parentFd, rel[^1], entry, keepOwners, parent + "/" + rel[^1]);
                    if (entry.EntryType == TarEntryType.Directory) directories.Add((parent, rel[^1], entry.ModificationTime));
                }
                finally { FdCalls.Close(parentFd); }
            }
        }
        // Directory times last: making their children changed them.
        foreach (var (parent, name, modified) in directories)
        {
            var fd = root.Open(parent, followFinal: true, FdCalls.OPath | FdCalls.ODirectory);
            try { FdCalls.SetTimesAt(fd, name, modified, parent + "/" + name); }
            finally { FdCalls.Close(fd); }
        }
    }

    private static async Task<TarEntry?> Next(TarReader reader, CancellationToken cancel)
    {
        try { return await reader.GetNextEntryAsync(copyData: false, cancel); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            throw new ArchiveException(ArchiveErrorKind.InvalidParameter, "invalid tar stream: " + e.Message);
        }
    }

    /// <summary>Makes one entry in its parent; false when the entry is skipped.</summary>
    private static async Task<bool> MakeAsync(ContainerRoot root, string dest, int parentFd, string name, TarEntry entry, bool noOverwrite,
        string parent, CancellationToken cancel)
    {
        var shown = parent + "/" + name;
        var isDir = entry.EntryType == TarEntryType.Directory;
        if (FdCalls.StatAt(parentFd, name, shown) is { } existing)
        {
            if (noOverwrite && existing.IsDirectory && !isDir)
                throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"cannot overwrite directory \"{shown}\" with non-directory \"{entry.Name}\"");
            if (noOverwrite && !existing.IsDirectory && isDir)
                throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"cannot overwrite non-directory \"{shown}\" with directory \"{entry.Name}\"");
            if (existing.IsDirectory && isDir) return true;
            RemoveTree(parentFd, name, existing, shown);
        }
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                FdCalls.MkdirAt(parentFd, name, 0x1C0, shown);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var fd = FdCalls.OpenAt(parentFd, name, FdCalls.OWrOnly | FdCalls.OCreat | FdCalls.OExcl | FdCalls.ONoFollow, 0x180, shown);
                using (var handle = new SafeFileHandle(fd, ownsHandle: true))
                await using (var file = new FileStream(handle, FileAccess.Write, 1, isAsync: false))
                    if (entry.DataStream is { } data) await data.CopyToAsync(file, cancel);
                break;
            case TarEntryType.SymbolicLink:
                FdCalls.SymlinkAt(entry.LinkName, parentFd, name, shown);
                break;
            case TarEntryType.HardLink:
                var target = Clean(entry.LinkName);
                if (target.Count == 0) throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"invalid hard link {entry.Name} -> {entry.LinkName}");
                var existingFd = root.Open(dest + "/" + string.Join('/', target), followFinal: false, FdCalls.OPath);
                try
                {
                    if (FdCalls.Stat(existingFd, entry.LinkName).IsDirectory)
                        throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"hard link to a directory: {entry.Name} -> {entry.LinkName}");
                    FdCalls.LinkFd(existingFd, parentFd, name, shown);
                }
                finally { FdCalls.Close(existingFd); }
                return false; // a hard link shares its target's owner, mode and times
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var type = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => EntryStat.CharDevice,
                    TarEntryType.BlockDevice => EntryStat.BlockDevice,
                    _ => EntryStat.Fifo,
                };
                FdCalls.MknodAt(parentFd, name, type | 0x180, (uint)((entry as PosixTarEntry)?.DeviceMajor ?? 0), (uint)((entry as PosixTarEntry)?.DeviceMinor ?? 0), shown);
                break;
            case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                return false;
            default:
                throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"unsupported tar entry type {entry.EntryType} for {entry.Name}");
        }
        return true;
    }

    private static void Attributes(int parentFd, string name, TarEntry entry, bool keepOwners, string shown)
    {
        FdCalls.ChownAt(parentFd, name, keepOwners ? (uint)entry.Uid : 0, keepOwners ? (uint)entry.Gid : 0, shown);
        if (entry.EntryType != TarEntryType.SymbolicLink)
        {
            // chmod through an O_PATH fd of the entry itself: a symlink swapped in meanwhile is refused, not followed.
            var fd = FdCalls.OpenAt(parentFd, name, FdCalls.OPath | FdCalls.ONoFollow, 0, shown);
            try
            {
                if (FdCalls.Stat(fd, shown).Type != EntryStat.Symlink) FdCalls.ChmodFd(fd, (uint)entry.Mode & 0xFFF, shown);
            }
            finally { FdCalls.Close(fd); }
        }
        if (entry.EntryType != TarEntryType.Directory) FdCalls.SetTimesAt(parentFd, name, entry.ModificationTime, shown);
    }

    /// <summary>Opens (making any that are missing, 0755 root-owned as Docker does) the entry's parent directories below the destination.</summary>
    private static int EnsureDirectory(ContainerRoot root, string dest, List<string> components)
    {
        var current = dest.Length == 0 ? "/" : dest;
        var fd = root.Open(current, followFinal: true, FdCalls.OPath | FdCalls.ODirectory);
        foreach (var component in components)
        {
            var next = current.TrimEnd('/') + "/" + component;
            int child;
            try { child = root.Open(next, followFinal: true, FdCalls.OPath | FdCalls.ODirectory); }
            catch (ArchiveException e) when (e.Kind == ArchiveErrorKind.NotFound)
            {
                try { FdCalls.MkdirAt(fd, component, 0x1ED, next); }
                catch { FdCalls.Close(fd); throw; }
                child = root.Open(next, followFinal: true, FdCalls.OPath | FdCalls.ODirectory);
            }
            catch { FdCalls.Close(fd); throw; }
            FdCalls.Close(fd);
            fd = child;
            current = next;
        }
        return fd;
    }

    /// <summary>Removes an entry, a directory with everything in it, without following any symlink.</summary>
    private static void RemoveTree(int parentFd, string name, EntryStat st, string shown)
    {
        if (st.IsDirectory)
        {
            var dir = FdCalls.OpenAt(parentFd, name, FdCalls.ORdOnly | FdCalls.ODirectory | FdCalls.ONoFollow, 0, shown);
            try
            {
                foreach (var child in TarExport.Children(dir))
                    if (FdCalls.StatAt(dir, child, shown + "/" + child) is { } cst) RemoveTree(dir, child, cst, shown + "/" + child);
            }
            finally { FdCalls.Close(dir); }
        }
        FdCalls.UnlinkAt(parentFd, name, st.IsDirectory, shown);
    }

    /// <summary>The entry's path components, "." dropped and ".." applied; a path that climbs above the destination is refused.</summary>
    internal static List<string> Clean(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"invalid tar entry \"{name}\": it is outside of the destination");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            if (part.Contains('\0')) throw new ArchiveException(ArchiveErrorKind.InvalidParameter, $"invalid tar entry name \"{name}\"");
            parts.Add(part);
        }
        return parts;
    }
}
