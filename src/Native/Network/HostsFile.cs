using System.Text;

namespace Berth.Native.Network;

/// <summary>
/// The container's /etc/hosts as Docker writes it (libnetwork etchosts.Build): the loopback and
/// IPv6 well-known entries, the <c>--add-host</c> records, then, when the sandbox has an address, "&lt;ip&gt;\t&lt;fqdn&gt; &lt;host&gt;".
/// </summary>
public static class HostsFile
{
    private static readonly (string Ip, string Names)[] Defaults =
    [
        ("127.0.0.1", "localhost"),
        ("::1", "localhost ip6-localhost ip6-loopback"),
        ("fe00::0", "ip6-localnet"),
        ("ff00::0", "ip6-mcastprefix"),
        ("ff02::1", "ip6-allnodes"),
        ("ff02::2", "ip6-allrouters"),
    ];

    public static string Build(string? ipAddress, string hostname, string? domainname, IReadOnlyList<(string Ip, string Name)>? extraHosts = null)
    {
        var text = new StringBuilder();
        foreach (var (ip, names) in Defaults) text.Append(ip).Append('\t').Append(names).Append('\n');
        // --add-host records come before the container's own, as Docker's buildHostsFile writes them.
        foreach (var (ip, name) in extraHosts ?? []) text.Append(ip).Append('\t').Append(name).Append('\n');
        if (!string.IsNullOrEmpty(ipAddress) && hostname.Length > 0)
            text.Append(ipAddress).Append('\t').Append(Names(hostname, domainname)).Append('\n');
        return text.ToString();
    }

    /// <summary>The FQDN and the bare host name (a hostname may itself be an FQDN).</summary>
    private static string Names(string hostname, string? domainname)
    {
        var fqdn = string.IsNullOrEmpty(domainname) ? hostname : hostname + "." + domainname;
        var dot = fqdn.IndexOf('.');
        return dot < 0 ? fqdn : fqdn + " " + fqdn[..dot];
    }
}
