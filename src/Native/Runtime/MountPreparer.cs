using Berth.Native.Storage;

namespace Berth.Native.Runtime;

/// <summary>
/// Readies the host side of a container's mounts just before its spec is written (the rootfs is
/// mounted by then): creates missing directories for <c>-v</c> binds and volumes, as docker does,
/// refuses a <c>--mount</c> bind whose source is missing, and copies what the image has at a
/// volume's destination into the volume while the volume is empty (docker's copy-up; <c>nocopy</c>
/// turns it off). Idempotent: a second start finds the volume filled and copies nothing.
/// </summary>
public static class MountPreparer
{
    public static void Prepare(TaskSpec spec)
    {
        foreach (var mount in spec.Mounts ?? [])
        {
            if (mount.Type != "bind") continue;
            if (CheckBindSource(mount.Source) is not null)
            {
                if (!mount.CreateSource)
                    throw new RuntimeException("prepare mounts", MissingSource(mount.Source), kind: RuntimeErrorKind.InvalidArgument);
                Directory.CreateDirectory(mount.Source);
            }
            if (mount.CopyUp) CopyUp(spec.RootfsPath, mount.Destination, mount.Source);
        }
    }

    /// <summary>
    /// Docker's refusal of a <c>--mount type=bind</c> whose host source is missing, checked at create
    /// (and again at start: the path may be gone by then); null when it exists.
    /// </summary>
    public static string? CheckBindSource(string source) =>
        File.Exists(source) || Directory.Exists(source) ? null : MissingSource(source);

    private static string MissingSource(string source) =>
        $"invalid mount config for type \"bind\": bind source path does not exist: {source}";

    /// <summary>Copies &lt;rootfs&gt;/&lt;destination&gt; into an empty <paramref name="volume"/>, owners and modes kept.</summary>
    public static void CopyUp(string rootfs, string destination, string volume)
    {
        if (!Directory.Exists(volume) || Directory.EnumerateFileSystemEntries(volume).Any()) return;
        var image = Path.Combine(rootfs, destination.TrimStart('/'));
        // The image path is resolved on the host: a symlink on the way could lead out of the rootfs.
        if (!Directory.Exists(image) || !Within(rootfs, Posix.RealPath(image))) return;
        if (Posix.Lstat(image) is { } root)
        {
            Posix.Chmod(volume, root.Permissions);
            Posix.Lchown(volume, root.Uid, root.Gid);
        }
        CopyTree(image, volume);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var target = Path.Combine(to, Path.GetFileName(entry));
            if (Posix.Lstat(entry) is not { } status) continue;
            switch (status.Type)
            {
                case Posix.Directory:
                    Directory.CreateDirectory(target);
                    CopyTree(entry, target);
                    break;
                case Posix.Regular:
                    File.Copy(entry, target);
                    break;
                case Posix.Symlink:
                    File.CreateSymbolicLink(target, new FileInfo(entry).LinkTarget!);
                    break;
                default:
                    continue; // devices, fifos and sockets have no place in a volume
            }
            Posix.Lchown(target, status.Uid, status.Gid);
            if (status.Type != Posix.Symlink) Posix.Chmod(target, status.Permissions);
        }
    }

    private static bool Within(string root, string path)
    {
        var full = Posix.RealPath(root).TrimEnd('/') + "/";
        return (path.TrimEnd('/') + "/").StartsWith(full, StringComparison.Ordinal);
    }
}
