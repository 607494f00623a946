using System.Net.Sockets;

namespace Berth.Supervisor.Daemon;

/// <summary>
/// The API socket's file: a socket left by a killed daemon is removed; one that still answers
/// belongs to a running daemon, and starting a second one is refused.
/// </summary>
internal static class DaemonSocket
{
    public static void ClearStale(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
            return;
        }
        throw new InvalidOperationException($"another daemon is already listening on {path}");
    }

    /// <summary>Docker's mode for its socket: owner and group may read and write, nobody else.</summary>
    public static void Restrict(string path) =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
}
