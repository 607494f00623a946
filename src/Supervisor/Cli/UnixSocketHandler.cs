using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Berth.Supervisor.Cli;

/// <summary>
/// HttpClient's transport for the daemon's unix socket: plain HTTP/1.1 written and read here, with
/// keep-alive connections reused and bodies streamed. It replaces SocketsHttpHandler, whose start-up
/// cost a Native-AOT <c>berth</c> ~10 ms of its ~25 per call; callers keep HttpClient's types.
/// Upgraded (hijacked) connections are <see cref="HijackClient"/>'s.
/// </summary>
internal sealed class UnixSocketHandler(string socketPath) : HttpMessageHandler
{
    private readonly Stack<DaemonConnection> _idle = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = TakeIdle() ?? await DaemonConnection.OpenAsync(socketPath, cancellationToken);
        try
        {
            var head = await ExchangeAsync(connection, request, cancellationToken);
            var response = new HttpResponseMessage((HttpStatusCode)head.Status) { RequestMessage = request, Version = HttpVersion.Version11 };
            response.Content = new StreamContent(ResponseBody.Read(connection, head, request.Method == HttpMethod.Head, Release));
            foreach (var (name, value) in head.Headers)
                if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
            return response;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_idle)
                while (_idle.TryPop(out var connection)) connection.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Writes the request; returns the answer's head. A daemon that answers before taking the whole body (an error) is still heard.</summary>
    private static async Task<ResponseHead> ExchangeAsync(DaemonConnection connection, HttpRequestMessage request, CancellationToken cancel)
    {
        try
        {
            var content = request.Content;
            var length = content?.Headers.ContentLength;
            await connection.WriteAsync(Head(request, length), cancel);
            if (content is not null && length is not null) await content.CopyToAsync(connection, cancel);
            else if (content is not null) await WriteChunkedAsync(connection, content, cancel);
            await connection.FlushAsync(cancel);
        }
        catch (IOException written)
        {
            try
            {
                return await connection.ReadHeadAsync(cancel);
            }
            catch (IOException)
            {
                ExceptionDispatchInfo.Throw(written);
                throw;
            }
        }
        return await connection.ReadHeadAsync(cancel);
    }

    private static byte[] Head(HttpRequestMessage request, long? length)
    {
        var head = new StringBuilder();
        head.Append(request.Method.Method).Append(' ').Append(request.RequestUri!.PathAndQuery).Append(" HTTP/1.1\r\nHost: berth\r\n");
        foreach (var (name, values) in request.Headers)
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase)) head.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers)
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) head.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
            head.Append(length is { } n ? $"Content-Length: {n}\r\n" : "Transfer-Encoding: chunked\r\n");
        }
        else if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            head.Append("Content-Length: 0\r\n");
        }
        return Encoding.UTF8.GetBytes(head.Append("\r\n").ToString());
    }

    /// <summary>A body of unknown length (stdin, JSON written as it is serialized) goes in chunks.</summary>
    private static async Task WriteChunkedAsync(DaemonConnection connection, HttpContent content, CancellationToken cancel)
    {
        await using var source = await content.ReadAsStreamAsync(cancel);
        var buffer = new byte[64 * 1024];
        while (await source.ReadAsync(buffer, cancel) is var n and > 0)
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"), cancel);
            await connection.WriteAsync(buffer.AsMemory(0, n), cancel);
            await connection.WriteAsync("\r\n"u8.ToArray(), cancel);
        }
        await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel);
    }

    private DaemonConnection? TakeIdle()
    {
        lock (_idle)
        {
            while (_idle.TryPop(out var connection))
            {
                if (connection.IsReusable) return connection;
                connection.Dispose();
            }
        }
        return null;
    }

    private void Release(DaemonConnection connection)
    {
        lock (_idle) _idle.Push(connection);
    }
}
