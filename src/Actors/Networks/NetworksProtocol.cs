using Berth.Journal.Model;

namespace Berth.Actors.Networks;

// What the API asks of the Networks actor, and its replies. Refusals are Rejected values.

/// <summary>Docker's <c>POST /networks/create</c>. Reply: <see cref="NetworkCreatedReply"/> or <see cref="Rejected"/>.</summary>
public sealed record CreateNetwork(
    string Name, string? Driver = null, string? Subnet = null, string? Gateway = null, bool Internal = false,
    IReadOnlyDictionary<string, string>? Labels = null, IReadOnlyDictionary<string, string>? Options = null);

public sealed record NetworkCreatedReply(string Id);

/// <summary>Reply: <see cref="Done"/> (carrying the network id) or <see cref="Rejected"/>.</summary>
public sealed record RemoveNetwork(string Ref);

/// <summary>Reply: <see cref="NetworkList"/>.</summary>
public sealed record ListNetworks;

public sealed record NetworkList(IReadOnlyList<NetworkView> Networks);

/// <summary>Reply: <see cref="NetworkView"/> or <see cref="Rejected"/> (404).</summary>
public sealed record InspectNetwork(string Ref);

/// <summary>
/// Removes every user-defined network without attachments; with <c>Only</c>, just those of these ids
/// (the API's until/label filters chose them). Reply: <see cref="NetworksPruned"/>.
/// </summary>
public sealed record PruneNetworks(IReadOnlySet<string>? Only = null);

public sealed record NetworksPruned(IReadOnlyList<string> Names);

/// <summary>
/// <c>POST /networks/{id}/connect</c>: the network is resolved here, then the command goes to the
/// container (through the registry). Reply: <see cref="Done"/> or <see cref="Rejected"/>.
/// </summary>
public sealed record ConnectToNetwork(string NetworkRef, string ContainerRef, EndpointSettings Settings);

/// <summary><c>POST /networks/{id}/disconnect</c>. Reply: <see cref="Done"/> or <see cref="Rejected"/>.</summary>
public sealed record DisconnectFromNetwork(string NetworkRef, string ContainerRef, bool Force);

/// <summary>A network as inspect and list show it; <c>Builtin</c> for the predefined bridge, host and none.</summary>
public sealed record NetworkView(
    string Id, string Name, string Driver, DateTimeOffset Created, string? Subnet, string? Gateway, bool Internal,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Options, IReadOnlyList<NetworkMember> Containers,
    bool Builtin = false);

/// <summary>One container of a network (inspect's <c>Containers</c>).</summary>
public sealed record NetworkMember(string ContainerId, string Name, string? IPv4Address, int PrefixLen, string? MacAddress);
