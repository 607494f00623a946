namespace Berth.Actors;

/// <summary>
/// The fixed set of refusal classes (containerd's errdefs). The API maps them to HTTP status codes
/// in exactly one place.
/// </summary>
public enum ErrorKind
{
    NotFound,
    Conflict,
    NotModified,
    InvalidParameter,
    Unavailable,
    Internal,
}
