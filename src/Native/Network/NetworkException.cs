namespace Berth.Native.Network;

/// <summary>
/// A typed failure of the network boundary: <see cref="Kind"/> says whether the request was at
/// fault (unknown network mode, port already allocated) or the OS / a plugin was. Messages read like
/// Docker's (<c>Bind for 0.0.0.0:8080 failed: port is already allocated</c>). Not sealed: a failing
/// CNI plugin is the more specific <see cref="CniException"/>.
/// </summary>
public class NetworkException : Exception
{
    public NetworkException(NetworkErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public NetworkErrorKind Kind { get; }
}
