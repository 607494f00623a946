using System.Text.RegularExpressions;
using Berth.Actors.Networks;

namespace Berth.Supervisor.Api.Views;

/// <summary>
/// docker's <c>GET /networks</c> filters: <c>name</c> and <c>id</c> (docker matches them as unanchored
/// patterns, so a part of the name or id will do), <c>driver</c> (exact), <c>label</c> (every one),
/// <c>type</c> (<c>custom</c> or <c>builtin</c>), <c>scope</c> (all berth networks are <c>local</c>) and
/// <c>dangling</c> (custom networks with no container). Each key given must match; within a key, any value.
/// </summary>
internal sealed class NetworkListFilter(DockerFilters filters)
{
    public static readonly string[] Accepted = ["dangling", "driver", "id", "label", "name", "scope", "type"];

    /// <summary>docker's refusal for a value it cannot use, or null.</summary>
    public string? Invalid()
    {
        if (filters.Unknown(Accepted) is { } unknown) return unknown;
        if (filters.Get("type").FirstOrDefault(t => t is not ("custom" or "builtin")) is { } type) return $"invalid filter 'type={type}'";
        if (filters.Get("dangling").FirstOrDefault(d => d is not ("true" or "false" or "1" or "0")) is { } d)
            return $"invalid filter 'dangling={d}'";
        return null;
    }

    public bool Matches(NetworkView n) =>
        Any("name", v => Pattern(v, n.Name))
        && Any("id", v => Pattern(v, n.Id))
        && Any("driver", v => v == n.Driver)
        && Any("scope", v => v == "local")
        && Any("type", v => v == (n.Builtin ? "builtin" : "custom"))
        && Any("dangling", v => (v is "true" or "1") == (!n.Builtin && n.Containers.Count == 0))
        && DockerFilters.MatchLabels(filters.Get("label"), n.Labels);

    private bool Any(string key, Func<string, bool> match) => filters.Get(key) is not { Count: > 0 } values || values.Any(match);

    /// <summary>docker's filters.Match: equal, or the value as an unanchored regular expression.</summary>
    private static bool Pattern(string value, string source)
    {
        if (value == source) return true;
        try { return Regex.IsMatch(source, value, RegexOptions.None, TimeSpan.FromMilliseconds(100)); }
        catch (ArgumentException) { return false; }
        catch (RegexMatchTimeoutException) { return false; }
    }
}
