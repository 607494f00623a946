namespace Berth.Native.Archive;

/// <summary>
/// What <c>HEAD /containers/{id}/archive</c> reports of a path (Docker's <c>X-Docker-Container-Path-Stat</c>):
/// its base name, size, Go <c>os.FileMode</c> bits, mtime, and for a symlink the fully resolved
/// target inside the container.
/// </summary>
public sealed record PathStat(string Name, long Size, uint Mode, DateTimeOffset Modified, string LinkTarget)
{
    public bool IsDirectory => (Mode & GoModeDir) != 0;

    private const uint GoModeDir = 1u << 31;

    /// <summary>Go's os.FileMode from a unix st_mode: permission bits plus Go's type and special bits.</summary>
    public static uint GoMode(uint unixMode)
    {
        var mode = unixMode & 0x1FF;
        mode |= (unixMode & EntryStat.TypeMask) switch
        {
            EntryStat.Directory => GoModeDir,
            EntryStat.Symlink => 1u << 27,
            EntryStat.BlockDevice => 1u << 26,
            EntryStat.CharDevice => (1u << 26) | (1u << 21),
            EntryStat.Fifo => 1u << 25,
            EntryStat.Socket => 1u << 24,
            _ => 0u,
        };
        if ((unixMode & 0x800) != 0) mode |= 1u << 23; // setuid
        if ((unixMode & 0x400) != 0) mode |= 1u << 22; // setgid
        if ((unixMode & 0x200) != 0) mode |= 1u << 20; // sticky
        return mode;
    }
}
