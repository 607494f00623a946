using System.Text.RegularExpressions;
using Berth.Actors.Containers;
using Berth.Actors.Health;
using Berth.Actors.Lifecycle;

namespace Berth.Supervisor.Api.Views;

/// <summary>
/// Docker's container list filters: id, name, label, status, ancestor, exited, before, since,
/// network, volume, publish, expose, health, is-task. A status, before or since filter lists
/// stopped containers too, as Docker does.
/// </summary>
internal static class ContainerFilters
{
    public static readonly string[] Accepted =
        ["id", "name", "label", "status", "ancestor", "exited", "before", "since", "network", "volume", "publish", "expose", "health", "is-task"];

    private static readonly string[] Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];

    /// <summary>Checks the filter values; the error is Docker's wording.</summary>
    public static string? Validate(DockerFilters filters)
    {
        if (filters.Unknown(Accepted) is { } unknown) return unknown;
        foreach (var status in filters.Get("status"))
            if (!Statuses.Contains(status)) return $"invalid filter 'status={status}'";
        foreach (var code in filters.Get("exited"))
            if (!int.TryParse(code, out _)) return $"invalid filter 'exited={code}'";
        foreach (var health in filters.Get("health"))
            if (health is not ("starting" or "healthy" or "unhealthy" or "none")) return $"Unrecognised filter value for health: {health}";
        return null;
    }

    public static bool ImpliesAll(DockerFilters filters) => filters.Has("status") || filters.Has("before") || filters.Has("since") || filters.Has("exited");

    /// <summary>Applies every filter to <paramref name="rows"/> (newest first); before/since name containers among them.</summary>
    public static IEnumerable<ContainerState> Apply(IReadOnlyList<ContainerState> rows, DockerFilters filters)
    {
        IEnumerable<ContainerState> result = rows;
        foreach (var before in filters.Get("before"))
            result = Find(rows, before) is { } anchor ? result.Where(s => s.CreatedAt < anchor.CreatedAt) : [];
        foreach (var since in filters.Get("since"))
            result = Find(rows, since) is { } anchor ? result.Where(s => s.CreatedAt > anchor.CreatedAt) : [];
        return result.Where(s => Matches(s, filters));
    }

    private static bool Matches(ContainerState s, DockerFilters f) =>
        Any(f, "id", v => s.Id.StartsWith(v, StringComparison.Ordinal))
        && Any(f, "name", v => NameMatches(s.Name, v))
        && DockerFilters.MatchLabels(f.Get("label"), s.Config.Labels)
        && Any(f, "status", v => v == CommandRules.StatusWord(s.Status))
        && Any(f, "ancestor", v => Ancestor(s, v))
        && Any(f, "exited", v => s.Status == ContainerStatus.Exited && s.ExitCode.ToString() == v)
        && Any(f, "network", v => Networks(s).Contains(v) || s.Network?.Networks.Any(n => n.Network.StartsWith(v, StringComparison.Ordinal)) == true)
        && Any(f, "volume", v => s.HostConfig.Binds?.Any(b => b.Split(':').Contains(v)) == true || s.Config.Volumes?.Contains(v) == true)
        && Any(f, "publish", v => s.HostConfig.PortBindings?.Keys.Any(k => Port(k) == Port(v)) == true
            || s.HostConfig.PortBindings?.Values.Any(bs => bs.Any(b => b.HostPort == v.Split('/')[0])) == true)
        && Any(f, "expose", v => s.Config.ExposedPorts?.Any(p => Port(p) == Port(v)) == true)
        && Any(f, "health", v => v == (s.Health?.Status ?? HealthStatus.None))
        && Any(f, "is-task", v => v == "false");

    private static bool Any(DockerFilters f, string key, Func<string, bool> match) => !f.Has(key) || f.Get(key).Any(match);

    private static ContainerState? Find(IReadOnlyList<ContainerState> rows, string reference) =>
        rows.FirstOrDefault(s => s.Id == reference || s.Name == reference.TrimStart('/'))
        ?? (rows.Where(s => s.Id.StartsWith(reference, StringComparison.Ordinal)).ToList() is [var single] ? single : null);

    /// <summary>Docker matches names as a regular expression against "/name".</summary>
    private static bool NameMatches(string name, string pattern)
    {
        try { return Regex.IsMatch("/" + name, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException) { return name.Contains(pattern, StringComparison.Ordinal); }
    }

    private static bool Ancestor(ContainerState s, string image)
    {
        if (image.StartsWith("sha256:", StringComparison.Ordinal) ? s.ImageId.StartsWith(image, StringComparison.Ordinal)
            : s.ImageId.StartsWith("sha256:" + image, StringComparison.Ordinal) && image.Length >= 4) return true;
        return Normalize(s.ImageRef) == Normalize(image);
    }

    private static string Normalize(string reference)
    {
        var slash = reference.LastIndexOf('/');
        var named = reference.IndexOf(':', slash + 1) < 0 && !reference.Contains('@') ? reference + ":latest" : reference;
        return named.StartsWith("docker.io/library/", StringComparison.Ordinal) ? named["docker.io/library/".Length..] : named;
    }

    private static HashSet<string> Networks(ContainerState s)
    {
        var set = new HashSet<string>(s.Network?.Networks.Select(n => n.Network) ?? []);
        set.Add(s.HostConfig.NetworkMode ?? "bridge");
        return set;
    }

    private static string Port(string port) => port.Contains('/') ? port : port + "/tcp";
}
