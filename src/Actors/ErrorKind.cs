namespace Berth.Actors;

/// <summary>
/// The fixed set of refusal classes (containerd's errdefs). The API maps them to HTTP status codes
/// in exactly one place.
/// </summary>
public enum ErrorKind
{
    NotFound,
    Conflict,
    /// <summary>Refused by policy (HTTP 403): Docker's answer for network rules (pre-defined, in use, overlap).</summary>
    Forbidden,
    NotModified,
    InvalidParameter,
    Unavailable,
    Internal,
}
