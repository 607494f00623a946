namespace Berth.Journal.Model;

/// <summary>One network a container's sandbox is attached to, as reported by the network sandbox.</summary>
public sealed record NetworkEndpoint(
    string Network,
    string? IPAddress = null,
    int IPPrefixLen = 0,
    string? Gateway = null,
    string? MacAddress = null)
{
    /// <summary>The network's id (absent in facts written before networks had ids).</summary>
    public string? NetworkId { get; init; }

    /// <summary>The container's aliases on this network (<c>--network-alias</c>).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
}
