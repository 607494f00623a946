namespace Berth.Native.Archive;

/// <summary>A path inside a container could not be read, written or resolved; <see cref="Kind"/> says why.</summary>
public sealed class ArchiveException(ArchiveErrorKind kind, string message, int errno = 0) : Exception(message)
{
    public ArchiveErrorKind Kind { get; } = kind;

    public int Errno { get; } = errno;
}
