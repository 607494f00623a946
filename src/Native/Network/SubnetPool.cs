using System.Net;
using System.Net.Sockets;

namespace Berth.Native.Network;

/// <summary>
/// IPv4 subnet arithmetic for networks: validation, overlap, and Docker's automatic choice from
/// address pools ("base/size": the base network split into networks of prefix length size), the
/// first that overlaps neither an existing network nor a host route.
/// </summary>
public static class SubnetPool
{
    /// <summary>Whether <paramref name="cidr"/> is an IPv4 network without host bits and room for a gateway and a host.</summary>
    public static bool IsIpv4Network(string cidr, out IPNetwork network)
    {
        network = default;
        return IPNetwork.TryParse(cidr, out network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
               && network.PrefixLength <= 30 && network.ToString() == cidr;
    }

    public static bool Overlaps(string a, string b)
    {
        if (!IPNetwork.TryParse(a, out var x) || !IPNetwork.TryParse(b, out var y)) return false;
        return x.Contains(y.BaseAddress) || y.Contains(x.BaseAddress);
    }

    public static bool Contains(string subnet, string address) =>
        IPNetwork.TryParse(subnet, out var network) && IPAddress.TryParse(address, out var ip) && network.Contains(ip);

    /// <summary>The first pool subnet clear of <paramref name="taken"/>, or null when every pool is used up.</summary>
    public static string? Pick(IEnumerable<string> pools, IReadOnlyCollection<string> taken)
    {
        foreach (var pool in pools)
        {
            var slash = pool.LastIndexOf('/');
            if (slash < 0 || !IPNetwork.TryParse(pool[..slash], out var baseNetwork) || !int.TryParse(pool[(slash + 1)..], out var size)
                || size < baseNetwork.PrefixLength || size > 30)
                throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid address pool \"{pool}\": base/size such as 172.17.0.0/16/16");
            var start = ToUInt(baseNetwork.BaseAddress);
            var count = 1UL << (size - baseNetwork.PrefixLength);
            var step = 1UL << (32 - size);
            for (var i = 0UL; i < count; i++)
            {
                var candidate = $"{FromUInt((uint)(start + i * step))}/{size}";
                if (!taken.Any(t => Overlaps(t, candidate))) return candidate;
            }
        }
        return null;
    }

    /// <summary>The IPv4 destinations of the host's routing table (/proc/net/route), the default route excepted.</summary>
    public static IReadOnlyList<string> HostRoutes(string routeTable = "/proc/net/route")
    {
        if (!File.Exists(routeTable)) return [];
        var routes = new List<string>();
        foreach (var line in File.ReadLines(routeTable).Skip(1))
        {
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length < 8) continue;
            var destination = uint.Parse(fields[1], System.Globalization.NumberStyles.HexNumber);
            var mask = uint.Parse(fields[7], System.Globalization.NumberStyles.HexNumber);
            if (mask == 0) continue;
            // The table is in host (little-endian) byte order.
            var prefix = System.Numerics.BitOperations.PopCount(mask);
            routes.Add($"{new IPAddress(destination)}/{prefix}");
        }
        return routes;
    }

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress FromUInt(uint value) => new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
