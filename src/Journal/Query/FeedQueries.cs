using Akka;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;
using Berth.Journal.Events;
using Berth.Journal.Tagging;

namespace Berth.Journal.Query;

/// <summary>
/// The read side of the event feed: every container and image fact in journal order, as far as the
/// journal holds now. Containers' facts carry the tag <see cref="ContainerEventTagger.Tag"/>, the image
/// store's the tag <see cref="ImageTag"/>; the two tag streams are merged by journal offset.
/// </summary>
public sealed class FeedQueries(SqlReadJournal journal)
{
    /// <summary>The tag the image history actor writes its facts under.</summary>
    public const string ImageTag = "image";

    /// <summary>The persistence id of the image history.</summary>
    public const string ImagesPersistenceId = "images";

    public static FeedQueries For(ActorSystem system) =>
        new(PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier));

    /// <summary>Every feed fact from the first, up to what the journal holds now; then completes.</summary>
    public Source<JournalFact, NotUsed> All() =>
        Facts(ContainerEventTagger.Tag).MergeSorted(Facts(ImageTag), (a, b) => a.Offset.CompareTo(b.Offset));

    private Source<JournalFact, NotUsed> Facts(string tag) =>
        journal.CurrentEventsByTag(tag, Offset.NoOffset())
            .Collect(e => e.Event is IContainerEvent or IImageEvent, e => new JournalFact(
                ((Sequence)e.Offset).Value, e.PersistenceId, e.SequenceNr, (IJournaled)e.Event,
                RowTime(e.Timestamp)));

    /// <summary>The row's timestamp: Akka.NET writes DateTime ticks (UTC); a unix-milliseconds value is read as such.</summary>
    private static DateTimeOffset RowTime(long stamp) =>
        stamp > 100_000_000_000_000 && stamp <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(stamp, TimeSpan.Zero)
            : DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(stamp, 0, 253402300799999));
}
