using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Native.Network;

/// <summary>
/// The container's resolv.conf derived from the host's, as Docker does (libnetwork resolvconf):
/// nameservers on the host's loopback (127.x, ::1) cannot be reached from the container's
/// namespace and are dropped; when none remain, Google's public resolvers are used. Search and
/// options lines are kept. Only the file is written; no DNS traffic is involved.
/// </summary>
public static class ResolvConf
{
    private static readonly string[] FallbackNameservers = ["nameserver 8.8.8.8", "nameserver 8.8.4.4"];
    private const string SystemdResolvedStub = "127.0.0.53";
    private const string SystemdResolvedUpstream = "/run/systemd/resolve/resolv.conf";

    /// <summary>
    /// The file to start from: the host's, unless its only nameserver is systemd-resolved's stub,
    /// in which case resolved's list of real upstream servers (as Docker does) when it exists.
    /// </summary>
    public static string SourcePath(string hostResolvConf)
    {
        var content = File.Exists(hostResolvConf) ? File.ReadAllText(hostResolvConf) : "";
        return Nameservers(content) is [SystemdResolvedStub] && File.Exists(SystemdResolvedUpstream)
            ? SystemdResolvedUpstream
            : hostResolvConf;
    }

    /// <summary>The host's content with loopback nameservers removed (Docker's FilterResolvDNS).</summary>
    public static string Filter(string hostContent)
    {
        var kept = hostContent.Replace("\r\n", "\n").Split('\n')
            .Where(line => !IsLoopbackNameserver(line))
            .ToList();
        var text = string.Join('\n', kept).TrimEnd('\n');
        if (Nameservers(text).Count == 0)
            text = (text.Length == 0 ? "" : text + "\n") + string.Join('\n', FallbackNameservers);
        return text + "\n";
    }

    /// <summary>
    /// The container's file: the filtered host file, unless the user overrode a part
    /// (<c>--dns</c>, <c>--dns-search</c>, <c>--dns-option</c>) — then, as Docker, a file rebuilt
    /// from search, nameservers, options, each the override or the host's. The gateways of
    /// DNS-enabled networks (aardvark-dns, which forwards to the host's servers) replace the
    /// host's nameservers, followed by any <c>--dns</c> servers.
    /// </summary>
    public static string Build(string hostContent, ResolvConfRequest request)
    {
        var dns = request.Dns;
        var overridden = dns?.Servers is { Count: > 0 } || dns?.Search is { Count: > 0 } || dns?.Options is { Count: > 0 };
        if (!overridden && request.NetworkResolvers.Count == 0) return Filter(hostContent);
        var filtered = Filter(hostContent);
        IReadOnlyList<string> servers = dns?.Servers is { Count: > 0 } s ? s : Nameservers(filtered);
        if (request.NetworkResolvers.Count > 0) servers = [.. request.NetworkResolvers, .. dns?.Servers ?? []];
        var search = dns?.Search is { Count: > 0 } d ? d : Field(filtered, "search");
        var options = dns?.Options is { Count: > 0 } o ? o : Field(filtered, "options");
        var text = new StringBuilder();
        if (search.Count > 0 && string.Join(' ', search).Trim() != ".") text.Append("search ").Append(string.Join(' ', search)).Append('\n');
        foreach (var server in servers) text.Append("nameserver ").Append(server).Append('\n');
        if (options.Count > 0) text.Append("options ").Append(string.Join(' ', options)).Append('\n');
        return text.ToString();
    }

    /// <summary>The words of the last <paramref name="keyword"/> line (resolv.conf: the last one wins).</summary>
    private static IReadOnlyList<string> Field(string content, string keyword) =>
        content.Split('\n').Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 1 && f[0] == keyword).Select(f => f[1..]).LastOrDefault() ?? [];

    /// <summary>The addresses of the <c>nameserver</c> lines.</summary>
    public static IReadOnlyList<string> Nameservers(string content) =>
        [.. content.Split('\n').Select(Nameserver).OfType<string>()];

    /// <summary>Docker's resolv.conf.hash content: "sha256:" and the hex digest of the file.</summary>
    public static string Hash(string content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static bool IsLoopbackNameserver(string line) =>
        Nameserver(line) is { } server && IPAddress.TryParse(server, out var address) && IPAddress.IsLoopback(address);

    private static string? Nameserver(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields is ["nameserver", var address, ..] ? address : null;
    }
}
