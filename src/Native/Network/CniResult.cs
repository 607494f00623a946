using System.Net;
using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// Reads what berth needs from a CNI ADD result (spec §5 "ADD Success"): the container-side
/// interface's IPv4 address, prefix length, gateway and MAC.
/// </summary>
public static class CniResult
{
    /// <summary>
    /// The endpoint of <paramref name="ifName"/> inside the sandbox: the first IPv4 address whose
    /// <c>interface</c> index points at it (or, when the plugin gave no index, the first IPv4 one).
    /// </summary>
    public static SandboxEndpoint ToEndpoint(string network, string ifName, JsonNode? result)
    {
        var interfaces = result?["interfaces"] as JsonArray ?? [];
        var ips = (result?["ips"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var sandboxIndex = interfaces.Select((node, i) => (node, i))
            .Where(x => x.node?["name"]?.GetValue<string>() == ifName && !string.IsNullOrEmpty(x.node?["sandbox"]?.GetValue<string>()))
            .Select(x => (int?)x.i).FirstOrDefault();
        var ip = ips.FirstOrDefault(o => IsV4(o) && Index(o) == sandboxIndex && sandboxIndex is not null)
                 ?? ips.FirstOrDefault(o => IsV4(o) && Index(o) is null)
                 ?? ips.FirstOrDefault(IsV4);
        var mac = sandboxIndex is { } n ? interfaces[n]?["mac"]?.GetValue<string>() : null;
        if (ip is null) return new SandboxEndpoint(network, null, 0, null, mac);
        var (address, prefix) = SplitCidr(ip["address"]!.GetValue<string>());
        return new SandboxEndpoint(network, address, prefix, ip["gateway"]?.GetValue<string>(), mac);
    }

    // Not IPNetwork.TryParse: it refuses an address with host bits set, which is what a result holds.
    private static bool IsV4(JsonObject ip) =>
        ip["address"]?.GetValue<string>() is { } a && IPAddress.TryParse(SplitCidr(a).Address, out var address)
        && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    private static int? Index(JsonObject ip) => ip["interface"] is JsonValue v ? v.GetValue<int>() : null;

    private static (string Address, int Prefix) SplitCidr(string cidr)
    {
        var slash = cidr.IndexOf('/');
        return slash < 0 ? (cidr, 32) : (cidr[..slash], int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
