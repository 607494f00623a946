namespace Berth.Native.Storage;

/// <summary>
/// A typed failure of the storage boundary: <see cref="Kind"/> says whether it is the caller's
/// fault (not found, conflict, invalid input) or the OS's; <see cref="Errno"/> is set when a system
/// call failed. Messages read like Docker's (<c>No such image: busybox:latest</c>).
/// </summary>
public class StorageException : Exception
{
    public StorageException(StorageErrorKind kind, string message, int? errno = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Errno = errno;
    }

    public StorageErrorKind Kind { get; }

    /// <summary>The errno of the failed system call, if one failed.</summary>
    public int? Errno { get; }
}
