using Tmds.Linux;

namespace Berth.Native.Archive;

/// <summary>What fstatat(2) says of one entry: type and permission bits, owner, size, devices, inode, links, mtime.</summary>
public sealed record EntryStat(uint Mode, uint Uid, uint Gid, long Size, uint Major, uint Minor, ulong Device, ulong Inode,
    ulong Links, DateTimeOffset Modified)
{
    public const uint TypeMask = 0xF000, Directory = 0x4000, Regular = 0x8000, Symlink = 0xA000,
        CharDevice = 0x2000, BlockDevice = 0x6000, Fifo = 0x1000, Socket = 0xC000;

    public uint Type => Mode & TypeMask;

    public uint Permissions => Mode & 0xFFF;

    public bool IsDirectory => Type == Directory;

    /// <summary>overlayfs's whiteout: a character device 0:0 marks a lower file deleted.</summary>
    public bool IsWhiteout => Type == CharDevice && Major == 0 && Minor == 0;

    internal static EntryStat From(stat st)
    {
        ulong rdev = st.st_rdev;
        var major = (uint)(((rdev >> 32) & 0xfffff000) | ((rdev >> 8) & 0xfff));
        var minor = (uint)(((rdev >> 12) & 0xffffff00) | (rdev & 0xff));
        var modified = DateTimeOffset.FromUnixTimeSeconds(st.st_mtim.tv_sec).AddTicks((long)st.st_mtim.tv_nsec / 100);
        return new EntryStat((uint)(ushort)st.st_mode, st.st_uid, st.st_gid, st.st_size, major, minor, st.st_dev, st.st_ino, (ulong)st.st_nlink, modified);
    }
}
