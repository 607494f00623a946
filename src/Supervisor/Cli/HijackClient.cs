using System.Text;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The client half of Docker's hijack (attach, exec start): a fresh connection, a POST with
/// <c>Connection: Upgrade</c> / <c>Upgrade: tcp</c>, a <c>101</c> answer, then the connection is the
/// stream — output in, stdin out, and a half-close when stdin ends.
/// </summary>
internal sealed class HijackClient : IAsyncDisposable
{
    private readonly DaemonConnection _connection;

    private HijackClient(DaemonConnection connection) => _connection = connection;

    /// <summary>Output from the daemon after the answer's head; stdin to it.</summary>
    public Stream Stream => _connection;

    public static async Task<HijackClient> OpenAsync(string socketPath, string path, string? jsonBody, CancellationToken cancel = default)
    {
        var connection = await DaemonConnection.OpenAsync(socketPath, cancel);
        try
        {
            var body = Encoding.UTF8.GetBytes(jsonBody ?? "");
            var head = $"POST /v{Api.ApiVersion.Current}{path} HTTP/1.1\r\nHost: berth\r\nContent-Type: {(jsonBody is null ? "text/plain" : "application/json")}\r\n"
                + $"Content-Length: {body.Length}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
            await connection.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
            await connection.WriteAsync(body, cancel);
            var answer = await connection.ReadHeadAsync(cancel);
            if (answer.Status == 101) return new HijackClient(connection);
            await using var error = ResponseBody.Read(connection, answer, headRequest: false, release: _ => { });
            using var reader = new StreamReader(error, Encoding.UTF8);
            throw new ApiException(answer.Status, ApiException.MessageOf(await reader.ReadToEndAsync(cancel)));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Tells the daemon stdin ended (a half-close); output keeps coming.</summary>
    public void CloseWrite() => _connection.CloseWrite();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
