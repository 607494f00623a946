using System.Net.Sockets;
using System.Text.Json;

namespace Berth.Torture;

/// <summary>An HTTP client on the daemon's unix socket, for the checks (the commands go through the real CLI).</summary>
internal sealed class UnixHttp : IDisposable
{
    private readonly HttpClient _client;

    public UnixHttp(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionLifetime = TimeSpan.FromSeconds(5),
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri("http://berth/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await _client.GetAsync("_ping", cts.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A GET whose 404 is an answer (the container went between list and inspect).</summary>
    public async Task<JsonDocument?> GetJsonOrNullAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<int> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _client.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode;
    }

    public void Dispose() => _client.Dispose();
}
