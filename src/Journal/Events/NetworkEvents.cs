namespace Berth.Journal.Events;

// The facts of the Networks actor (PersistenceId "networks", tag "network"): user-defined networks
// created and removed. The default network and the host/none pseudo-networks are configuration,
// never journaled. Immutable facts: add optional fields only.

/// <summary>Marker for every fact journaled by the Networks actor.</summary>
public interface INetworkEvent : IJournaled
{
    DateTimeOffset At { get; }
}

/// <summary>A user-defined bridge network exists: id (64 hex), name, IPv4 subnet and gateway, its Linux bridge.</summary>
public sealed record NetworkCreated(
    string Id, string Name, string Driver, string Subnet, string Gateway, string BridgeName, bool Internal,
    IReadOnlyDictionary<string, string>? Labels, IReadOnlyDictionary<string, string>? Options, DateTimeOffset At) : INetworkEvent;

/// <summary>A user-defined network was removed (its bridge, conflist and leases are gone).</summary>
public sealed record NetworkRemoved(string Id, string Name, DateTimeOffset At) : INetworkEvent;
