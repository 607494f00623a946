using System.Formats.Tar;

namespace Berth.Native.Storage;

/// <summary>
/// Applies one layer tar to an empty directory in overlay form: whiteouts <c>.wh.name</c> become
/// 0/0 character devices, <c>.wh..wh..opq</c> becomes <c>trusted.overlay.opaque=y</c> on its
/// directory. Ownership, modes (set-id bits included), mtimes, symlinks, hard links, device nodes
/// and fifos are kept. Nothing is ever written outside the directory: absolute and <c>..</c>
/// names, hard links to outside, and writes through a symlink are refused with
/// <see cref="UnsafeLayerEntryException"/>; existing entries are removed, never opened, before
/// being replaced. The caller unpacks into a private temporary directory and discards it on failure.
/// </summary>
internal sealed class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private const string OpaqueXattr = "trusted.overlay.opaque";

    private readonly string _root;
    private readonly HashSet<string> _knownDirs = new(StringComparer.Ordinal);
    private readonly List<(string Path, DateTimeOffset Modified)> _dirTimes = [];
    private long _size;

    private LayerUnpacker(string root) => _root = root;

    /// <summary>Unpacks <paramref name="blob"/> (plain or gzip tar; left open) into <paramref name="root"/>.</summary>
    public static async Task<LayerUnpackResult> UnpackAsync(Stream blob, string root, CancellationToken cancellationToken)
    {
        var unpacker = new LayerUnpacker(root);
        await using var tar = await LayerCompression.OpenAsync(blob, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        await using var hashing = new HashingReadStream(tar);
        try
        {
            await using (var reader = new TarReader(hashing, leaveOpen: true))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    await unpacker.ApplyAsync(entry, cancellationToken).ConfigureAwait(false);
            }
            await hashing.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid layer tar: {e.Message}", inner: e);
        }
        unpacker.SetDirectoryTimes();
        return new LayerUnpackResult(hashing.Digest, unpacker._size);
    }

    private async Task ApplyAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) return;
        var parts = LayerPath.Split(entry.Name, entry.Name);
        if (parts.Length == 0)
        {
            if (entry.EntryType == TarEntryType.Directory) SetMetadata(_root, entry, Posix.Directory);
            return;
        }
        var parent = ParentDirectory(parts, entry.Name, create: true);
        var name = parts[^1];
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            Whiteout(parent, name, entry);
            return;
        }
        var path = Path.Join(parent, name);
        uint type;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                type = Posix.Directory;
                if (Posix.FileType(path) != Posix.Directory)
                {
                    Remove(path);
                    Posix.Mkdir(path, Posix.Mode755);
                }
                _knownDirs.Add(string.Join('/', parts));
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                type = Posix.Regular;
                Remove(path);
                await WriteFileAsync(path, entry, cancellationToken).ConfigureAwait(false);
                break;
            case TarEntryType.SymbolicLink:
                if (entry.LinkName.Length == 0 || entry.LinkName.Contains('\0'))
                    throw new StorageException(StorageErrorKind.InvalidParameter, $"tar entry \"{entry.Name}\" is a symlink without a target");
                type = Posix.Symlink;
                Remove(path);
                File.CreateSymbolicLink(path, entry.LinkName); // the target is link content, never followed here
                break;
            case TarEntryType.HardLink:
                HardLink(path, entry);
                return; // a hard link shares its target's inode, and so its owner, mode and times
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                type = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => Posix.CharDevice,
                    TarEntryType.BlockDevice => Posix.BlockDevice,
                    _ => Posix.Fifo,
                };
                Remove(path);
                var (major, minor) = entry is PosixTarEntry device ? (device.DeviceMajor, device.DeviceMinor) : (0, 0);
                Posix.Mknod(path, type | Posix.Mode600, (uint)major, (uint)minor);
                break;
            default:
                throw new StorageException(StorageErrorKind.InvalidParameter,
                    $"tar entry \"{entry.Name}\" has a type berth does not unpack ({entry.EntryType})");
        }
        SetMetadata(path, entry, type);
    }

    private async Task WriteFileAsync(string path, TarEntry entry, CancellationToken cancellationToken)
    {
        // CreateNew is O_CREAT|O_EXCL: it fails rather than follow anything that appeared at the path.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        if (entry.DataStream is { } data) await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        _size += file.Length;
    }

    private void Whiteout(string parent, string name, TarEntry entry)
    {
        if (name == OpaqueMarker)
        {
            Posix.SetXattr(parent, OpaqueXattr, "y"u8);
            return;
        }
        if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal)) return; // AUFS bookkeeping (.wh..wh.plnk)
        var target = name[WhiteoutPrefix.Length..];
        if (target is "" or "." or "..") throw new UnsafeLayerEntryException(entry.Name, "whiteout names no file");
        var path = Path.Join(parent, target);
        Remove(path);
        Posix.Mknod(path, Posix.CharDevice, 0, 0);
        Posix.Lchown(path, (uint)entry.Uid, (uint)entry.Gid);
        Posix.SetTimes(path, entry.ModificationTime);
    }

    private void HardLink(string path, TarEntry entry)
    {
        var targetParts = LayerPath.Split(entry.LinkName, entry.Name);
        if (targetParts.Length == 0) throw new UnsafeLayerEntryException(entry.Name, "hard link to the layer root");
        var target = Path.Join(ParentDirectory(targetParts, entry.Name, create: false), targetParts[^1]);
        var type = Posix.FileType(target) ?? throw new StorageException(StorageErrorKind.InvalidParameter,
            $"tar entry \"{entry.Name}\" is a hard link to \"{entry.LinkName}\", which is not in the layer");
        if (type == Posix.Directory)
            throw new StorageException(StorageErrorKind.InvalidParameter, $"tar entry \"{entry.Name}\" is a hard link to a directory");
        if (target == path) return;
        Remove(path);
        Posix.Link(target, path);
    }

    /// <summary>
    /// The absolute parent directory of an entry. Each component must be a real directory: a
    /// symlink there would let the entry land wherever it points, so it is refused. Missing
    /// components are created (0755, root) when <paramref name="create"/>, else refused.
    /// </summary>
    private string ParentDirectory(string[] parts, string entryName, bool create)
    {
        var current = _root;
        var relative = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            relative = i == 0 ? parts[0] : relative + "/" + parts[i];
            current = Path.Join(current, parts[i]);
            if (_knownDirs.Contains(relative)) continue;
            switch (Posix.FileType(current))
            {
                case Posix.Directory:
                    break;
                case null when create:
                    Posix.Mkdir(current, Posix.Mode755);
                    break;
                case null:
                    throw new StorageException(StorageErrorKind.InvalidParameter,
                        $"tar entry \"{entryName}\" refers to \"{relative}\", which is not in the layer");
                case Posix.Symlink:
                    throw new UnsafeLayerEntryException(entryName, $"\"{relative}\" is a symlink; writing through it could leave the layer");
                default:
                    throw new StorageException(StorageErrorKind.InvalidParameter,
                        $"tar entry \"{entryName}\": \"{relative}\" is not a directory");
            }
            _knownDirs.Add(relative);
        }
        return current;
    }

    /// <summary>Removes whatever an earlier entry put at <paramref name="path"/> (a directory with its content).</summary>
    private void Remove(string path)
    {
        switch (Posix.FileType(path))
        {
            case null:
                return;
            case Posix.Directory:
                Directory.Delete(path, recursive: true); // deletes symlinks inside, never what they point to
                _knownDirs.Clear();
                return;
            default:
                File.Delete(path);
                return;
        }
    }

    private void SetMetadata(string path, TarEntry entry, uint type)
    {
        Posix.Lchown(path, (uint)entry.Uid, (uint)entry.Gid);
        if (type != Posix.Symlink) Posix.Chmod(path, (uint)entry.Mode); // after chown, which clears set-id bits
        if (type == Posix.Directory) _dirTimes.Add((path, entry.ModificationTime)); // later entries would touch it
        else Posix.SetTimes(path, entry.ModificationTime);
    }

    private void SetDirectoryTimes()
    {
        foreach (var (path, modified) in _dirTimes)
            if (Posix.FileType(path) == Posix.Directory) Posix.SetTimes(path, modified);
    }
}
