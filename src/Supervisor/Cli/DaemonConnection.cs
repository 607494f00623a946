using System.Net.Sockets;
using System.Text;

namespace Berth.Supervisor.Cli;

/// <summary>
/// One connection to the daemon's unix socket, with a read buffer: an answer's head is parsed out of
/// the buffer and whatever follows it stays there for the body, or for the stream of a hijacked
/// connection. Reads see the buffer first, then the socket; writes go straight to the socket.
/// </summary>
internal sealed class DaemonConnection : Stream
{
    private const int MaxLine = 64 * 1024;
    private readonly Socket _socket;
    private readonly NetworkStream _network;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private DaemonConnection(Socket socket)
    {
        _socket = socket;
        _network = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<DaemonConnection> OpenAsync(string socketPath, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel);
            return new DaemonConnection(socket);
        }
        catch (SocketException)
        {
            socket.Dispose();
            throw new CliException($"Cannot connect to the berth daemon at unix://{socketPath}. Is the daemon running?");
        }
    }

    /// <summary>An idle keep-alive connection is usable while nothing is readable: the daemon closing it makes it readable.</summary>
    public bool IsReusable => _start == _end && !_socket.Poll(0, SelectMode.SelectRead);

    /// <summary>Reads an answer's status line and headers; the body, if any, is what follows.</summary>
    public async Task<ResponseHead> ReadHeadAsync(CancellationToken cancel)
    {
        var status = await ReadLineAsync(cancel) ?? throw new IOException("the daemon closed the connection before answering");
        var parts = status.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], out var code))
            throw new IOException($"unreadable answer from the daemon: {status}");
        var headers = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync(cancel) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new IOException($"unreadable header from the daemon: {line}");
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new ResponseHead(code, headers);
    }

    /// <summary>One line without its CRLF (head lines, chunk sizes); null when the connection ends first.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancel)
    {
        var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            line.Write(_buffer, _start, take);
            if (line.Length > MaxLine) throw new IOException("the daemon's answer has a line over 64 KiB");
            if (newline >= 0)
            {
                _start = newline + 1;
                var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
                return text.EndsWith('\r') ? text[..^1] : text;
            }
            if (!await FillAsync(cancel)) return null;
        }
    }

    /// <summary>Tells the daemon nothing more will be written (a half-close); reading goes on.</summary>
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

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_start == _end)
        {
            // Large reads skip the buffer once it is drained.
            if (destination.Length >= _buffer.Length) return await _network.ReadAsync(destination, cancellationToken);
            if (!await FillAsync(cancellationToken)) return 0;
        }
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        _network.WriteAsync(source, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _network.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _network.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => _network.FlushAsync(cancellationToken);

    public override void Flush() => _network.Flush();

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _network.Dispose();
            _socket.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task<bool> FillAsync(CancellationToken cancel)
    {
        _start = 0;
        _end = await _network.ReadAsync(_buffer, cancel);
        return _end > 0;
    }
}
