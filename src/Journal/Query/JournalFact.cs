using Berth.Journal.Events;

namespace Berth.Journal.Query;

/// <summary>
/// One journaled fact the event feed reports: a container's or the image store's. <c>Offset</c> orders
/// facts across the whole journal; <c>(PersistenceId, SequenceNr)</c> names the fact exactly, so a reader
/// that meets it twice (from the journal and live) can tell. <c>Written</c> is the journal row's own
/// timestamp, for facts that carry no time of their own.
/// </summary>
public sealed record JournalFact(long Offset, string PersistenceId, long SequenceNr, IJournaled Event, DateTimeOffset Written);
