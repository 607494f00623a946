using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>Join network <c>Network</c> (resolved to its name by the Networks actor). Reply: <see cref="Done"/> or <see cref="Rejected"/>.</summary>
public sealed record ConnectContainer(string Network, EndpointSettings Settings) : IContainerCommand;

/// <summary>Leave network <c>Network</c>. Reply: <see cref="Done"/> or <see cref="Rejected"/>.</summary>
public sealed record DisconnectContainer(string Network, bool Force = false) : IContainerCommand;
