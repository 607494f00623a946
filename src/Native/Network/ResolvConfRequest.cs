namespace Berth.Native.Network;

/// <summary>
/// How a container's resolv.conf departs from the host's: the user's <c>--dns*</c> overrides and
/// the gateways of its DNS-enabled networks (where aardvark-dns answers; they come first).
/// </summary>
public sealed record ResolvConfRequest(DnsRequest? Dns, IReadOnlyList<string> NetworkResolvers);
