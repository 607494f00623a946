namespace Berth.Native.Network;

/// <summary>
/// The refusal classes of the network boundary, named like the storage boundary's (containerd's
/// errdefs) so the actors map them without a table.
/// </summary>
public enum NetworkErrorKind
{
    NotFound,
    Conflict,
    InvalidParameter,
    Internal,
}
