namespace Berth.Native.Storage;

/// <summary>
/// The init layer Docker puts between a container's image and its RW layer (<c>initlayer.Setup</c>):
/// the mount points and files the runtime and the sandbox bind over (<c>/proc</c>, <c>/dev/pts</c>,
/// <c>/etc/hosts</c>, <c>/etc/resolv.conf</c>…), present even when the image lacks them, plus
/// <c>/.dockerenv</c> and <c>/etc/mtab → /proc/mounts</c>. Everything root-owned, 0755.
/// </summary>
internal static class InitLayer
{
    private enum Kind { Directory, File, Symlink }

    private static readonly (string Path, Kind Kind, string? Target)[] Entries =
    [
        ("dev/pts", Kind.Directory, null),
        ("dev/shm", Kind.Directory, null),
        ("proc", Kind.Directory, null),
        ("sys", Kind.Directory, null),
        ("etc", Kind.Directory, null),
        (".dockerenv", Kind.File, null),
        ("etc/resolv.conf", Kind.File, null),
        ("etc/hosts", Kind.File, null),
        ("etc/hostname", Kind.File, null),
        ("dev/console", Kind.File, null),
        ("etc/mtab", Kind.Symlink, "/proc/mounts"),
    ];

    /// <summary>Populates <paramref name="root"/> (a fresh, private directory); entries already there are kept.</summary>
    public static void Setup(string root)
    {
        foreach (var (path, kind, target) in Entries)
        {
            var full = root;
            var parts = path.Split('/');
            foreach (var parent in parts[..^1])
            {
                full = Path.Join(full, parent);
                if (Posix.FileType(full) is null) Posix.Mkdir(full, Posix.Mode755);
            }
            full = Path.Join(full, parts[^1]);
            if (Posix.FileType(full) is not null) continue;
            switch (kind)
            {
                case Kind.Directory:
                    Posix.Mkdir(full, Posix.Mode755);
                    break;
                case Kind.File:
                    using (new FileStream(full, FileMode.CreateNew, FileAccess.Write)) { }
                    Posix.Chmod(full, Posix.Mode755);
                    break;
                case Kind.Symlink:
                    File.CreateSymbolicLink(full, target!);
                    break;
            }
        }
    }
}
