namespace Berth.Native.Storage;

/// <summary>
/// A layer or archive tar entry that would write outside the directory it is unpacked into: a
/// <c>..</c> component, an absolute name, a hard link to a path outside, or a write through a
/// symlink. The whole layer is refused (nothing of it is kept).
/// </summary>
public sealed class UnsafeLayerEntryException(string entryName, string reason)
    : StorageException(StorageErrorKind.InvalidParameter, $"unsafe tar entry \"{entryName}\": {reason}")
{
    /// <summary>The entry's name as written in the tar.</summary>
    public string EntryName { get; } = entryName;
}
