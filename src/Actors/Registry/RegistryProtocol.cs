using Akka.Actor;

namespace Berth.Actors.Registry;

// Messages of the name registry besides the container commands it routes.

/// <summary>Containers → registry: the container is gone; free its id and name, then answer <c>ReplyTo</c>.</summary>
public sealed record ReleaseName(string Id, IActorRef? ReplyTo = null, object? Reply = null);

/// <summary>Resolve a reference (full id, name, unique id prefix). Reply: <see cref="Resolved"/> or <see cref="Rejected"/>.</summary>
public sealed record ResolveContainer(string Ref);

public sealed record Resolved(string Id, string Name);
