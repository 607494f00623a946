using System.Net;

namespace Berth.Native.Network;

/// <summary>
/// Docker's <c>--add-host</c> entries ("name:ip", "name=ip"; <c>host-gateway</c> meaning the
/// gateway of the container's first network) as hosts-file records.
/// </summary>
public static class ExtraHosts
{
    public static IReadOnlyList<(string Ip, string Name)> Resolve(IReadOnlyList<string>? entries, string? gateway)
    {
        var records = new List<(string, string)>();
        foreach (var entry in entries ?? [])
        {
            var separator = entry.IndexOf('=') is var eq and > 0 ? eq : entry.IndexOf(':');
            if (separator <= 0) throw Invalid(entry);
            var name = entry[..separator];
            var ip = entry[(separator + 1)..].Trim('[', ']');
            if (ip == "host-gateway") ip = gateway ?? throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid IP address in add-host: \"host-gateway\" needs a bridge network");
            if (!IPAddress.TryParse(ip, out _)) throw Invalid(entry);
            records.Add((ip, name));
        }
        return records;
    }

    private static NetworkException Invalid(string entry) =>
        new(NetworkErrorKind.InvalidParameter, $"bad format for add-host: \"{entry}\"");
}
