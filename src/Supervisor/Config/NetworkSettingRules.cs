using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Berth.Supervisor.Config;

/// <summary>dockerd's network settings (<c>bip</c>, <c>mtu</c>, <c>default-address-pools</c>) checked as the daemon starts.</summary>
internal static class NetworkSettingRules
{
    public const int MinMtu = 68;
    public const int MaxMtu = 65535;

    // subject: the flag or key an error names (SettingsException.Subject); label: how its message
    // refers to it ("bip in /etc/berth/daemon.json"), the subject itself when not given.

    /// <summary>
    /// <c>bip</c> names the bridge's address with the subnet's prefix (<c>10.88.0.1/16</c>); berth's
    /// bridge takes the first address of its subnet, so any other address is refused rather than ignored.
    /// </summary>
    public static string BridgeSubnet(string bip, string subject, string? label = null)
    {
        var slash = bip.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(bip[..slash], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(bip[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix is < 8 or > 30)
            throw new SettingsException(subject, $"{label ?? subject}: invalid bip '{bip}': expected the bridge's IPv4 address and prefix, such as 10.88.0.1/16");
        var subnet = new IPNetwork(Mask(address, prefix), prefix);
        var first = FromHostOrder(ToHostOrder(subnet.BaseAddress) + 1);
        if (!first.Equals(address))
            throw new SettingsException(subject, $"{label ?? subject}: bip '{bip}': the bridge takes the first address of its subnet; use {first}/{prefix}");
        return subnet.ToString();
    }

    public static int Mtu(string value, string subject) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) && mtu is >= MinMtu and <= MaxMtu
            ? mtu
            : throw new SettingsException(subject, $"{subject}: invalid mtu '{value}': expected a number from {MinMtu} to {MaxMtu}");

    /// <summary>One <c>default-address-pools</c> entry as <c>base/size</c>: an IPv4 network split into networks of prefix <paramref name="size"/>.</summary>
    public static string AddressPool(string poolBase, int size, string subject, string? label = null)
    {
        if (!IPNetwork.TryParse(poolBase, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork
            || network.ToString() != poolBase)
            throw new SettingsException(subject, $"{label ?? subject}: invalid pool base '{poolBase}': expected an IPv4 network such as 172.80.0.0/16");
        if (size < network.PrefixLength || size > 30)
            throw new SettingsException(subject, $"{label ?? subject}: pool {poolBase}: size {size} must be from {network.PrefixLength} to 30");
        return $"{poolBase}/{size}";
    }

    private static IPAddress Mask(IPAddress address, int prefix) => FromHostOrder(ToHostOrder(address) & (uint.MaxValue << (32 - prefix)));

    private static uint ToHostOrder(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static IPAddress FromHostOrder(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
