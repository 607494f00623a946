namespace Berth.Supervisor.Api;

/// <summary>A hijackable request that came through Kestrel: no upgrade asked, the answer is a 200 stream.</summary>
internal sealed class HttpHijackExchange(HttpContext http) : IHijackExchange
{
    public IServiceProvider Services => http.RequestServices;

    public CancellationToken Aborted => http.RequestAborted;

    public string? Query(string name) => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public async Task<ReadOnlyMemory<byte>> ReadBodyAsync()
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    public Task ErrorAsync(int status, string message) => ApiErrors.Write(http, status, message);

    public Task EmptyAsync(int status)
    {
        http.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public Task<Hijack> HijackAsync(string contentType) => Hijack.OpenAsync(http, contentType);
}
