using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;
using Berth.Journal.Events;
using Berth.Journal.Tagging;

namespace Berth.Journal.Query;

/// <summary>
/// The read side of the container journal, for the event feed (<c>berth events --since N [-f]</c>) and a
/// container's history. Every stream yields facts in journal order. Offsets are exclusive: <c>Since(n)</c>
/// starts after the fact at offset <c>n</c>, and 0 means from the very first fact.
/// </summary>
public sealed class ContainerEventQueries(SqlReadJournal journal)
{
    /// <summary>A container's persistence id is this prefix and its id (never its name).</summary>
    public const string PersistenceIdPrefix = "container-";

    /// <summary>The queries over the read journal configured by <see cref="Sqlite.SqliteJournalConfig"/>.</summary>
    public static ContainerEventQueries For(ActorSystem system) =>
        new(PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));

    public static string PersistenceIdOf(string containerId) => PersistenceIdPrefix + containerId;

    /// <summary>All containers' facts after <paramref name="offset"/>, up to what the journal holds now; then completes.</summary>
    public Source<ContainerEventEnvelope, NotUsed> Since(long offset) =>
        Envelopes(journal.CurrentEventsByTag(ContainerEventTagger.Tag, OffsetOf(offset)));

    /// <summary>All containers' facts after <paramref name="offset"/>, then every new one as it is journaled; never completes.</summary>
    public Source<ContainerEventEnvelope, NotUsed> Follow(long offset) =>
        Envelopes(journal.EventsByTag(ContainerEventTagger.Tag, OffsetOf(offset)));

    /// <summary>One container's facts from its first, as far as the journal holds now; then completes.</summary>
    public Source<ContainerEventEnvelope, NotUsed> History(string containerId) =>
        Envelopes(journal.CurrentEventsByPersistenceId(PersistenceIdOf(containerId), 0L, long.MaxValue));

    private static Offset OffsetOf(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return offset == 0 ? Offset.NoOffset() : Offset.Sequence(offset);
    }

    private static Source<ContainerEventEnvelope, NotUsed> Envelopes(Source<EventEnvelope, NotUsed> source) =>
        source.Collect(e => e.Event is IContainerEvent && e.PersistenceId.StartsWith(PersistenceIdPrefix, StringComparison.Ordinal),
            e => new ContainerEventEnvelope(
                ((Sequence)e.Offset).Value, e.PersistenceId[PersistenceIdPrefix.Length..], e.SequenceNr, (IContainerEvent)e.Event));
}
