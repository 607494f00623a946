using System.Globalization;

namespace Berth.Supervisor.Cli;

/// <summary>
/// An answer's body as HTTP/1.1 frames it: a Content-Length, chunks, or everything until the daemon
/// closes. Streams (logs -f, events -f, stats) are read as they come. Once the body has been read to its
/// end on a keep-alive connection, the connection goes back to its pool; a body left unread closes it.
/// </summary>
internal sealed class ResponseBody : Stream
{
    private readonly DaemonConnection _connection;
    private readonly Action<DaemonConnection>? _release;
    private readonly bool _chunked;
    private readonly bool _untilClose;
    private long _remaining;
    private bool _chunkEnded;
    private bool _done;
    private bool _released;

    private ResponseBody(DaemonConnection connection, Action<DaemonConnection>? release, bool chunked, bool untilClose, long length)
    {
        _connection = connection;
        _release = release;
        _chunked = chunked;
        _untilClose = untilClose;
        _remaining = length;
        if (!chunked && !untilClose && length == 0) Finish();
    }

    /// <summary>The body that follows <paramref name="head"/>; <paramref name="release"/> takes the connection back when it can serve another request.</summary>
    public static ResponseBody Read(DaemonConnection connection, ResponseHead head, bool headRequest, Action<DaemonConnection> release)
    {
        var keepAlive = !string.Equals(head.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase);
        if (headRequest || head.Status is < 200 or 204 or 304) return new(connection, keepAlive ? release : null, false, false, 0);
        if (head.Header("Transfer-Encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            return new(connection, keepAlive ? release : null, true, false, 0);
        if (head.Header("Content-Length") is { } text)
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                ? new(connection, keepAlive ? release : null, false, false, length)
                : throw new IOException($"unreadable Content-Length from the daemon: {text}");
        }
        return new(connection, null, false, true, 0);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_done || destination.Length == 0) return 0;
        if (_untilClose)
        {
            var read = await _connection.ReadAsync(destination, cancellationToken);
            _done = read == 0;
            return read;
        }
        if (_chunked && _remaining == 0 && !await NextChunkAsync(cancellationToken)) return 0;
        var n = await _connection.ReadAsync(destination[..(int)Math.Min(destination.Length, _remaining)], cancellationToken);
        if (n == 0) throw new IOException("the daemon closed the connection in the middle of an answer");
        _remaining -= n;
        if (_remaining == 0)
        {
            if (_chunked) _chunkEnded = true;
            else Finish();
        }
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanWrite => false;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_released) _connection.Dispose();
        _released = true;
        base.Dispose(disposing);
    }

    /// <summary>Reads the next chunk's size (after the CRLF that ends the previous one); false at the last chunk.</summary>
    private async Task<bool> NextChunkAsync(CancellationToken cancel)
    {
        if (_chunkEnded && await _connection.ReadLineAsync(cancel) is not "") throw new IOException("malformed chunk from the daemon");
        _chunkEnded = false;
        var line = await _connection.ReadLineAsync(cancel) ?? throw new IOException("the daemon closed the connection in the middle of an answer");
        var size = line.Split(';', 2)[0].Trim();
        if (!long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _remaining) || _remaining < 0)
            throw new IOException($"malformed chunk size from the daemon: {line}");
        if (_remaining > 0) return true;
        // The last chunk: skip any trailers up to the empty line.
        while (await _connection.ReadLineAsync(cancel) is { Length: > 0 })
        {
        }
        Finish();
        return false;
    }

    private void Finish()
    {
        _done = true;
        if (_release is null || _released) return;
        _released = true;
        _release(_connection);
    }
}
