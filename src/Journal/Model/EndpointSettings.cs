namespace Berth.Journal.Model;

/// <summary>
/// A network a container is configured to join (Docker's <c>NetworkingConfig.EndpointsConfig</c>
/// entry or a connect request): the network's name as given, a static IPv4 address, aliases.
/// </summary>
public sealed record EndpointSettings(string Network, string? IPv4Address = null, IReadOnlyList<string>? Aliases = null);
