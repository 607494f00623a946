using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Berth.Journal.Events;
using Berth.Journal.Query;

namespace Berth.Actors.Events;

/// <summary>
/// The image store's history (<c>/user/berth/image-history</c>, PersistenceId <c>images</c>): the Images
/// actor tells it each change once the store made it, and it journals the facts under the tag
/// <c>image</c> so the event stream reports Docker's image events from the journal, across restarts.
/// It holds no state (the store is the authority on images), so it replays nothing.
/// </summary>
public sealed class ImageHistoryActor : ReceivePersistentActor
{
    private static readonly IImmutableSet<string> Tags = ImmutableHashSet.Create(FeedQueries.ImageTag);

    public ImageHistoryActor()
    {
        Command<RecordImageFacts>(m =>
        {
            if (m.Facts.Count == 0) { Sender.Tell(new ImageFactsRecorded()); return; }
            PersistAll(m.Facts.Select(f => new Tagged(f, Tags)), tagged =>
                Context.System.EventStream.Publish(new FactPublished(PersistenceId, LastSequenceNr, (IJournaled)tagged.Payload)));
            DeferAsync(m, _ => Sender.Tell(new ImageFactsRecorded()));
        });
    }

    public override string PersistenceId => FeedQueries.ImagesPersistenceId;

    /// <summary>Nothing to rebuild; the journal still yields the highest sequence number, so new facts continue it.</summary>
    public override Recovery Recovery => Recovery.None;

    public static Props Props() => Akka.Actor.Props.Create(() => new ImageHistoryActor());
}
