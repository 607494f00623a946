namespace Berth.Native.Storage;

/// <summary>A mount(2) or umount2(2) that failed; <see cref="StorageException.Errno"/> holds why.</summary>
public sealed class MountException(string target, string message, int errno)
    : StorageException(StorageErrorKind.Internal, message, errno)
{
    /// <summary>The mount point the call was about.</summary>
    public string Target { get; } = target;
}
