namespace Berth.Native.Storage;

/// <summary>What lstat(2) says of a path: type and permission bits, owner, device numbers, inode, link count, mtime.</summary>
internal sealed record FileStatus(uint Mode, uint Uid, uint Gid, uint Major, uint Minor, ulong Inode, ulong Links, DateTimeOffset Modified)
{
    public uint Type => Mode & Posix.TypeMask;

    public uint Permissions => Mode & 0xFFF;
}
