using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The client half of Docker's hijack (attach, exec start): a fresh connection, a POST with
/// <c>Connection: Upgrade</c> / <c>Upgrade: tcp</c>, a <c>101</c> answer, then the connection is the
/// stream — output in, stdin out, and a half-close when stdin ends.
/// </summary>
internal sealed class HijackClient : IAsyncDisposable
{
    private readonly Socket _socket;

    private HijackClient(Socket socket, Stream stream)
    {
        _socket = socket;
        Stream = stream;
    }

    /// <summary>Output from the daemon after the answer's head; stdin to it.</summary>
    public Stream Stream { get; }

    public static async Task<HijackClient> OpenAsync(string socketPath, string path, string? jsonBody, CancellationToken cancel = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel);
        }
        catch (SocketException)
        {
            socket.Dispose();
            throw new CliException($"Cannot connect to the berth daemon at unix://{socketPath}. Is the daemon running?");
        }
        var stream = new NetworkStream(socket, ownsSocket: false);
        var body = Encoding.UTF8.GetBytes(jsonBody ?? "");
        var head = $"POST /v{Api.ApiVersionPrefix.Current}{path} HTTP/1.1\r\nHost: berth\r\nContent-Type: {(jsonBody is null ? "text/plain" : "application/json")}\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
        await stream.WriteAsync(body, cancel);
        var (status, rest) = await ReadHeadAsync(stream, cancel);
        if (status == 101) return new HijackClient(socket, stream);
        socket.Dispose();
        throw new ApiException(status, ErrorMessage(rest));
    }

    /// <summary>Tells the daemon stdin ended (a half-close); output keeps coming.</summary>
    public void CloseWrite()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _socket.Dispose();
    }

    /// <summary>Reads the answer's head byte by byte (so no stream byte is swallowed); returns the status and, for an error, its body.</summary>
    private static async Task<(int Status, string Body)> ReadHeadAsync(Stream stream, CancellationToken cancel)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancel) == 0) throw new CliException("the daemon closed the connection before answering");
            head.Add(one[0]);
            if (head.Count > 64 * 1024) throw new CliException("the daemon's answer has no end of headers");
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status)) throw new CliException($"unreadable answer from the daemon: {lines[0]}");
        if (status == 101) return (status, "");
        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.TryParse(p[1].Trim(), out var n) ? n : 0).FirstOrDefault();
        var body = new byte[Math.Min(length, 1 << 20)];
        var read = 0;
        while (read < body.Length && await stream.ReadAsync(body.AsMemory(read), cancel) is var n and > 0) read += n;
        return (status, Encoding.UTF8.GetString(body, 0, read));
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ApiJson.Default.ApiError)?.Message ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
