namespace Berth.Supervisor.Api;

/// <summary>
/// One request of a hijackable route (attach, exec start), whichever way it arrived: through
/// Kestrel's HTTP (<see cref="HttpHijackExchange"/>) or taken off the raw connection before Kestrel
/// parses it (<see cref="RawHijackExchange"/>), which is how an upgrade is served: Kestrel ends an
/// upgraded connection when the client half-closes it, and docker half-closes once its stdin ends.
/// </summary>
internal interface IHijackExchange
{
    IServiceProvider Services { get; }

    /// <summary>Cancelled when the client goes away before the stream starts.</summary>
    CancellationToken Aborted { get; }

    string? Query(string name);

    Task<ReadOnlyMemory<byte>> ReadBodyAsync();

    /// <summary>Answers with an error in Docker's shape; the exchange is over.</summary>
    Task ErrorAsync(int status, string message);

    /// <summary>Answers with an empty body; the exchange is over.</summary>
    Task EmptyAsync(int status);

    /// <summary>Answers 101 (upgrade asked) or 200 and hands over the raw streams.</summary>
    Task<Hijack> HijackAsync(string contentType);
}

/// <summary>Query helpers shared by both kinds of exchange.</summary>
internal static class HijackExchangeQuery
{
    public static bool Flag(this IHijackExchange exchange, string name) => exchange.Query(name) is "1" or "true" or "True";

    public static int? Int(this IHijackExchange exchange, string name) =>
        int.TryParse(exchange.Query(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    public static Task RefuseAsync(this IHijackExchange exchange, object reply) => reply is Berth.Actors.Rejected rejected
        ? exchange.ErrorAsync(ApiErrors.StatusFor(rejected.Kind), rejected.Message)
        : exchange.ErrorAsync(StatusCodes.Status500InternalServerError, $"unexpected reply {reply.GetType().Name}");
}
