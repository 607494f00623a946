using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The CLI's HTTP client for the daemon's Docker-compatible API on a unix socket. Every request
/// goes to the current API version; a refusal becomes an <see cref="ApiException"/> carrying the
/// daemon's message.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private const string Prefix = "/v" + Api.ApiVersion.Current;
    private readonly HttpClient _http;
    private readonly string _socketPath;

    public ApiClient(string socketPath)
    {
        _socketPath = socketPath;
        _http = new HttpClient(new UnixSocketHandler(socketPath)) { BaseAddress = new Uri("http://berth"), Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The daemon's socket, for the hijacked connections (attach, exec) made apart from this client.</summary>
    public string SocketPath => _socketPath;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(method, Prefix + path) { Content = body };
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if ((int)response.StatusCode >= 400) throw await ApiException.From(response, cancel);
        return response;
    }

    public async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancel);
        return await response.Content.ReadFromJsonAsync(type, cancel) ?? throw new CliException($"empty answer from {path}");
    }

    public async Task<T> PostJsonAsync<T>(string path, HttpContent? body, JsonTypeInfo<T> type, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, cancel);
        return await response.Content.ReadFromJsonAsync(type, cancel) ?? throw new CliException($"empty answer from {path}");
    }

    /// <summary>Posts and returns whether the daemon changed anything (304 = already in that state).</summary>
    public async Task<bool> PostAsync(string path, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Post, path, null, cancel);
        return response.StatusCode != HttpStatusCode.NotModified;
    }

    public async Task DeleteAsync(string path, CancellationToken cancel = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancel);
    }

    public static string Query(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _http.Dispose();
}

/// <summary>The daemon refused a request: Docker's "Error response from daemon: …".</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static async Task<ApiException> From(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        response.Dispose();
        return new ApiException((int)response.StatusCode, MessageOf(text));
    }

    /// <summary>The message of Docker's error body <c>{"message": "…"}</c>, or the body itself.</summary>
    public static string MessageOf(string body)
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
