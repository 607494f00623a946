namespace Berth.Native.Storage;

/// <summary>
/// The refusal classes of the image store, layer store and RW layers. They mirror the actors'
/// <c>ErrorKind</c> one to one (containerd's errdefs), so the Images actor maps them without a table.
/// </summary>
public enum StorageErrorKind
{
    NotFound,
    Conflict,
    InvalidParameter,
    Internal,
}
