namespace Berth.Native.Archive;

/// <summary>Why a file-system access inside a container's root failed, in the classes the API maps to statuses.</summary>
public enum ArchiveErrorKind { NotFound, InvalidParameter, Conflict, Internal }
