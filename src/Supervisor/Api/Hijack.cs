using Microsoft.AspNetCore.Http.Features;

namespace Berth.Supervisor.Api;

/// <summary>
/// Docker's hijacked streams (attach, exec start): when the client asked for an upgrade
/// (<c>Connection: Upgrade</c>, <c>Upgrade: tcp</c>) the answer is <c>101</c> and the connection
/// becomes a raw duplex; otherwise a <c>200</c> whose body is the output stream and whose request
/// body is the input.
/// </summary>
internal sealed class Hijack : IAsyncDisposable
{
    private readonly Stream? _duplex;

    private Hijack(Stream input, Stream output, Stream? duplex, CancellationToken aborted)
    {
        Input = input;
        Output = output;
        _duplex = duplex;
        Aborted = aborted;
    }

    /// <summary>
    /// Cancelled when the client is gone. An upgraded connection has none: Kestrel reports the
    /// client's half-close (docker sends one when it has no stdin to forward) as an abort, yet the
    /// client still reads; a vanished client shows as a failed write instead.
    /// </summary>
    public CancellationToken Aborted { get; }

    public Stream Input { get; }

    public Stream Output { get; }

    public static async Task<Hijack> OpenAsync(HttpContext http, string contentType)
    {
        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is { IsUpgradableRequest: true })
        {
            http.Response.Headers.ContentType = contentType;
            http.Response.Headers.Upgrade = "tcp";
            var duplex = await upgrade.UpgradeAsync();
            return new Hijack(duplex, duplex, duplex, CancellationToken.None);
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        await http.Response.StartAsync(http.RequestAborted);
        // Headers go out now: the client waits for them before it starts the container.
        await http.Response.Body.FlushAsync(http.RequestAborted);
        return new Hijack(http.Request.Body, http.Response.Body, null, http.RequestAborted);
    }

    /// <summary>Streams of a connection taken off Kestrel (<see cref="RawHijackExchange"/>); the caller closes the connection.</summary>
    public static Hijack Raw(Stream input, Stream output) => new(input, output, null, CancellationToken.None);

    public static string ContentType(bool tty) => tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";

    public async ValueTask DisposeAsync()
    {
        if (_duplex is not null) await _duplex.DisposeAsync();
    }
}
