using System.Threading.Channels;
using Berth.Journal.Events;

namespace Berth.Actors.Events;

// The event feed's protocol: what persistent actors publish after each persisted fact, what a
// client asks for, and what the feed hands its subscribers.

/// <summary>
/// Published on the actor system's event stream by a persistent actor in the persist callback of each
/// fact, i.e. once the fact is in the journal. <c>(PersistenceId, SequenceNr)</c> names it exactly.
/// </summary>
public sealed record FactPublished(string PersistenceId, long SequenceNr, IJournaled Event);

/// <summary>
/// Opens a stream of Docker events for a client: past events (when <c>Request</c> has a since or an
/// until) then live ones, written to <c>Output</c>, which is completed when the stream ends (until
/// reached) or <c>Cancel</c> fires (the client went away).
/// </summary>
public sealed record OpenEventStream(EventRequest Request, ChannelWriter<DockerEvent> Output, CancellationToken Cancel);

/// <summary>What a client asked for: Docker's <c>since</c>/<c>until</c> (inclusive; null = unbounded) and filters.</summary>
public sealed record EventRequest(DateTimeOffset? Since, DateTimeOffset? Until, EventFilter Filter)
{
    /// <summary>Docker reads its past events only when a since or an until is given.</summary>
    public bool WantsPast => Since is not null || Until is not null;

    public bool InWindow(DateTimeOffset time) => (Since is null || time >= Since) && (Until is null || time <= Until);
}

/// <summary>The feed's Docker events of one fact, handed to every subscriber.</summary>
public sealed record MappedFact(string PersistenceId, long SequenceNr, IReadOnlyList<DockerEvent> Events);

/// <summary>Asks the image history to journal facts; answered with <see cref="ImageFactsRecorded"/> once they are.</summary>
public sealed record RecordImageFacts(IReadOnlyList<IImageEvent> Facts);

public sealed record ImageFactsRecorded;
