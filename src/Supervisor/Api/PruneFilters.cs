using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// The <c>filters</c> of a docker prune request, read once for every prune route: <c>until</c>
/// (created strictly before), <c>label</c> (every one must match) and <c>label!</c> (none may).
/// A key the route does not accept is docker's 400 "invalid filter 'x'".
/// </summary>
internal sealed record PruneFilters(DockerFilters Raw, DateTimeOffset? Until)
{
    /// <summary>The filters, or null after answering 400 with docker's wording.</summary>
    public static async Task<PruneFilters?> ReadAsync(HttpContext http, DateTimeOffset now, params string[] accepted)
    {
        var filters = DockerFilters.Parse(http.Request.Query["filters"].ToString(), out var error);
        error ??= filters!.Unknown(accepted);
        DateTimeOffset? until = null;
        foreach (var text in filters?.Get("until") ?? [])
            if (DockerFilters.Until(text, now) is { } t) until = t;
            else error ??= $"invalid filter 'until={text}'";
        foreach (var key in (string[])["dangling", "all"])
            if (filters?.Get(key) is [var v, ..] && v is not ("true" or "false" or "1" or "0"))
                error ??= $"invalid filter '{key}={v}'";
        if (error is null) return new PruneFilters(filters!, until);
        await ApiErrors.Write(http, StatusCodes.Status400BadRequest, error);
        return null;
    }

    /// <summary>Whether a boolean filter (<c>dangling</c>, <c>all</c>) is given and true.</summary>
    public bool IsTrue(string key) => Raw.Get(key) is [var v, ..] && v is "true" or "1";

    /// <summary>Whether something created at <paramref name="created"/> with these labels is a candidate.</summary>
    public bool Matches(DateTimeOffset? created, IReadOnlyDictionary<string, string>? labels) =>
        (Until is not { } until || (created ?? DateTimeOffset.MinValue) < until)
        && DockerFilters.MatchLabels(Raw.Get("label"), labels)
        && !Raw.Get("label!").Any(l => DockerFilters.MatchLabels([l], labels));
}
