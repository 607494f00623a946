namespace Berth.Supervisor.Api;

/// <summary>The routes whose answer is a hijacked stream, for requests taken off the raw connection.</summary>
internal static class HijackRoutes
{
    public static bool Matches(string path) => Route(path) is not null;

    public static Task DispatchAsync(IHijackExchange exchange, string path) => Route(path) switch
    {
        ("containers", var id) => AttachEndpoints.AttachAsync(exchange, id),
        ("exec", var id) => ExecEndpoints.StartAsync(exchange, id),
        _ => exchange.ErrorAsync(StatusCodes.Status404NotFound, $"page not found: POST {path}"),
    };

    private static (string Kind, string Id)? Route(string path) => path.Split('/') switch
    {
        ["", "containers", var id, "attach"] when id.Length > 0 => ("containers", id),
        ["", "exec", var id, "start"] when id.Length > 0 => ("exec", id),
        _ => null,
    };
}
