namespace Berth.Journal.Events;

// Facts of the name registry (PersistenceId "registry"): which container ids exist and the names
// they hold. Names are unique among these reservations.

/// <summary>Marker for facts journaled by the registry.</summary>
public interface IRegistryEvent : IJournaled;

/// <summary>A container id was allocated with this name; the container's own <c>Created</c> follows.</summary>
public sealed record NameReserved(string Id, string Name, DateTimeOffset At) : IRegistryEvent;

/// <summary>The container with this id now holds <c>NewName</c> instead of its old name.</summary>
public sealed record NameChanged(string Id, string OldName, string NewName, DateTimeOffset At) : IRegistryEvent;

/// <summary>The container is gone (or was never made); its id and name are free.</summary>
public sealed record NameReleased(string Id, string Name, DateTimeOffset At) : IRegistryEvent;
