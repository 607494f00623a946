namespace Berth.Journal.Events;

/// <summary>
/// Marker for everything written to the journal or snapshot store: events and snapshot states.
/// Akka's serialization binding routes every <see cref="IJournaled"/> to berth's string-manifest
/// serializer, so no CLR type name ever reaches the database.
/// </summary>
public interface IJournaled;
