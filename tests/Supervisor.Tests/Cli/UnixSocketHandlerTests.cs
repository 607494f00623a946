using System.Net.Sockets;
using System.Text;
using Berth.Supervisor.Cli;

namespace Berth.Supervisor.Tests.Cli;

/// <summary>The client's HTTP/1.1 over a unix socket, against a scripted peer that records what it was sent.</summary>
public sealed class UnixSocketHandlerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"berth-http-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private int _accepted;

    public UnixSocketHandlerTests()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_path));
        _listener.Listen();
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public async Task A_chunked_answer_is_read_whole_and_its_connection_serves_the_next_request()
    {
        var peer = ServeAsync(2, _ => "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        using var http = Client();

        var first = await http.GetStringAsync("/one");
        var second = await http.GetStringAsync("/two");
        var requests = await peer;

        Assert.Equal("hello world", first);
        Assert.Equal("hello world", second);
        Assert.Equal(1, _accepted);
        Assert.StartsWith("GET /two HTTP/1.1\r\n", requests[1]);
    }

    [Fact]
    public async Task A_body_of_unknown_length_goes_in_chunks_and_arrives_whole()
    {
        var peer = ServeAsync(1, _ => "HTTP/1.1 204 No Content\r\n\r\n");
        using var http = Client();
        var body = new StreamContent(new NonSeekable(Encoding.ASCII.GetBytes("tar bytes")));

        using var response = await http.PostAsync("/images/load", body);
        var request = (await peer)[0];

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Contains("Transfer-Encoding: chunked\r\n", request);
        Assert.EndsWith("\r\n\r\n9\r\ntar bytes\r\n0\r\n\r\n", request);
    }

    [Fact]
    public async Task An_idle_connection_the_daemon_closed_is_not_reused()
    {
        var peer = ServeAsync(2, _ => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", closeAfterEach: true);
        using var http = Client();

        var first = await http.GetStringAsync("/one");
        await Task.Delay(50);
        var second = await http.GetStringAsync("/two");
        await peer;

        Assert.Equal(("ok", "ok"), (first, second));
        Assert.Equal(2, _accepted);
    }

    [Fact]
    public async Task An_answer_without_length_is_read_until_the_daemon_closes()
    {
        var peer = ServeAsync(1, _ => "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nline 1\nline 2\n", closeAfterEach: true);
        using var http = Client();

        using var response = await http.GetAsync("/containers/x/logs", HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        await peer;

        Assert.Equal("application/vnd.docker.raw-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("line 1\nline 2\n", text);
    }

    [Fact]
    public async Task No_daemon_on_the_socket_is_reported_as_such()
    {
        using var http = new HttpClient(new UnixSocketHandler(_path + ".none")) { BaseAddress = new Uri("http://berth") };

        var error = await Assert.ThrowsAsync<CliException>(() => http.GetStringAsync("/version"));

        Assert.Contains("Cannot connect to the berth daemon", error.Message);
    }

    private HttpClient Client() => new(new UnixSocketHandler(_path)) { BaseAddress = new Uri("http://berth") };

    /// <summary>Answers <paramref name="count"/> requests, each read up to the end of its body; returns what was sent.</summary>
    private async Task<List<string>> ServeAsync(int count, Func<string, string> answer, bool closeAfterEach = false)
    {
        var requests = new List<string>();
        Socket? connection = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = 0; i < count; i++)
        {
            if (connection is null)
            {
                connection = await _listener.AcceptAsync(timeout.Token);
                _accepted++;
            }
            var request = await ReadRequestAsync(connection, timeout.Token);
            requests.Add(request);
            await connection.SendAsync(Encoding.ASCII.GetBytes(answer(request)), timeout.Token);
            if (!closeAfterEach) continue;
            connection.Dispose();
            connection = null;
        }
        connection?.Dispose();
        return requests;
    }

    private static async Task<string> ReadRequestAsync(Socket connection, CancellationToken cancel)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!Complete(text.ToString()))
        {
            var n = await connection.ReceiveAsync(buffer, cancel);
            if (n == 0) break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return text.ToString();
    }

    private static bool Complete(string request)
    {
        var end = request.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        if (request.Contains("Transfer-Encoding: chunked", StringComparison.Ordinal)) return request.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        var length = request.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal)) is { } line ? int.Parse(line[16..]) : 0;
        return request.Length >= end + 4 + length;
    }

    /// <summary>Stdin as the client sees it: no length.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
