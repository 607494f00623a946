using System.Text.Json.Nodes;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The networking flags of <c>create</c>/<c>run</c>, kept apart from CreateCommand's own: <c>-p</c>,
/// <c>-P</c>, <c>--ip</c>, <c>--network-alias</c>, <c>--dns</c>, <c>--dns-search</c>,
/// <c>--dns-option</c>, <c>--add-host</c>; applied to the create body as docker's CLI does
/// (a published port is also exposed; <c>--ip</c> and aliases belong to the <c>--network</c> entry).
/// </summary>
internal static class NetworkFlags
{
    public static readonly string[] ValueFlags =
        ["--ip", "--network-alias|--net-alias", "--dns", "--dns-search", "--dns-option|--dns-opt", "--add-host"];

    public static readonly string[] BoolFlags = ["--publish-all|-P"];

    public static void Apply(CliArgs a, JsonObject body)
    {
        var host = body["HostConfig"] as JsonObject ?? throw new CliException("create body without HostConfig");
        var bindings = new JsonObject();
        var exposed = body["ExposedPorts"] as JsonObject ?? new JsonObject();
        foreach (var spec in a.Values("--publish"))
        {
            var (key, hostIp, hostPort) = ParsePublish(spec);
            if (bindings[key] is not JsonArray list) bindings[key] = list = new JsonArray();
            list.Add((JsonNode)new JsonObject { ["HostIp"] = hostIp, ["HostPort"] = hostPort });
            exposed[key] = new JsonObject();
        }
        if (bindings.Count > 0) host["PortBindings"] = bindings;
        if (exposed.Count > 0) body["ExposedPorts"] = exposed;
        if (a.Has("--publish-all")) host["PublishAllPorts"] = true;
        SetList(host, "Dns", a.Values("--dns"));
        SetList(host, "DnsSearch", a.Values("--dns-search"));
        SetList(host, "DnsOptions", a.Values("--dns-option"));
        SetList(host, "ExtraHosts", a.Values("--add-host"));
        var ip = a.Value("--ip");
        var aliases = a.Values("--network-alias");
        if (ip is null && aliases.Count == 0) return;
        var network = a.Value("--network") ?? throw new CliException("--ip and --network-alias need --network with a user-defined network");
        var endpoint = new JsonObject();
        if (ip is not null) endpoint["IPAMConfig"] = new JsonObject { ["IPv4Address"] = ip };
        if (aliases.Count > 0) endpoint["Aliases"] = new JsonArray([.. aliases.Select(x => JsonValue.Create(x))]);
        body["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = new JsonObject { [network] = endpoint } };
    }

    /// <summary>docker's <c>-p [ip:][hostPort:]containerPort[/proto]</c> → ("80/tcp", hostIp, hostPort).</summary>
    public static (string Key, string HostIp, string HostPort) ParsePublish(string spec)
    {
        var proto = "tcp";
        var text = spec;
        var slash = text.LastIndexOf('/');
        if (slash >= 0) { proto = text[(slash + 1)..].ToLowerInvariant(); text = text[..slash]; }
        if (proto is not ("tcp" or "udp" or "sctp")) throw new CliException($"invalid proto: {proto}");
        // An IPv6 host address comes in brackets: [::1]:8080:80.
        string hostIp = "", rest = text;
        if (text.StartsWith('[') && text.IndexOf(']') is var close and > 0)
        {
            hostIp = text[1..close];
            rest = text[(close + 1)..].TrimStart(':');
            rest = rest.Contains(':') ? rest : ":" + rest;
        }
        var parts = rest.Split(':');
        var (ip, hostPort, containerPort) = parts.Length switch
        {
            1 => (hostIp, "", parts[0]),
            2 => (hostIp, parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => throw new CliException($"invalid publish spec: {spec}"),
        };
        if (!int.TryParse(containerPort, out var port) || port is < 1 or > 65535) throw new CliException($"invalid containerPort: {containerPort}");
        if (hostPort.Length > 0 && (!int.TryParse(hostPort, out var hp) || hp is < 0 or > 65535)) throw new CliException($"invalid hostPort: {hostPort}");
        return ($"{port}/{proto}", ip, hostPort);
    }

    private static void SetList(JsonObject host, string field, IReadOnlyList<string> values)
    {
        if (values.Count > 0) host[field] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
    }
}
