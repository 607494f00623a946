using Akka.Actor;

namespace Berth.Actors.Containers;

// Messages between the containers supervisor, the registry and each container actor (not for users).

/// <summary>The registry reserved an id and name for a create; the containers actor spawns the container.</summary>
public sealed record CreateReserved(string Id, string Name, CreateContainer Create);

/// <summary>A command resolved to a container id by the registry; <c>Ref</c> is what the user wrote.</summary>
public sealed record ToContainer(string Id, string Ref, IContainerCommand Command);

/// <summary>The registry's live reservations at start: the containers actor spawns one actor each.</summary>
public sealed record SpawnKnown(IReadOnlyList<KnownContainer> Containers);

/// <summary>One reservation of the registry.</summary>
public sealed record KnownContainer(string Id, string Name);

/// <summary>Container → parent after every fact and after recovery: its current state (the supervisor's list cache).</summary>
public sealed record ContainerStateChanged(ContainerState State);

/// <summary>Container → parent: it no longer exists (removed, or its create never completed). The
/// registry frees its name, then answers <c>ReplyTo</c> (the remover), so a name is reusable the
/// moment rm returns.</summary>
public sealed record ContainerGone(string Id, IActorRef? ReplyTo = null, object? Reply = null);

/// <summary>Timer: the stop grace period of a stop request ran out.</summary>
internal sealed record StopGraceExpired;

/// <summary>Timer: a scheduled restart is due.</summary>
internal sealed record RestartDue;

/// <summary>A stop or kill that answers once the exit is journaled.</summary>
internal sealed record ExitWaiter(IActorRef ReplyTo, object Reply);
