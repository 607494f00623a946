namespace Berth.Journal.Model;

/// <summary>One network a container's sandbox is attached to, as reported by the network sandbox.</summary>
public sealed record NetworkEndpoint(
    string Network,
    string? IPAddress = null,
    int IPPrefixLen = 0,
    string? Gateway = null,
    string? MacAddress = null);
