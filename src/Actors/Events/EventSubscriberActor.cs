using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Berth.Journal.Query;

namespace Berth.Actors.Events;

/// <summary>
/// One client's event stream, a child of the feed, which registers it before it starts; when the client
/// asked for past events it then reads the journal from its first fact (mapping every fact, so the
/// attributes of later ones are right, and keeping those in the since/until window) while the feed's
/// live facts wait; then it releases the waiting ones the journal did not already give
/// (<see cref="FactSeam{T}"/>) and goes on live. It ends at <c>until</c>, or when the client goes.
/// </summary>
public sealed class EventSubscriberActor : ReceiveActor, IWithTimers
{
    private readonly Func<FeedQueries> _queries;
    private readonly OpenEventStream _open;
    private readonly DockerEventMapper _mapper = new();
    private readonly FactSeam<MappedFact> _seam;
    private readonly TimeProvider _clock;
    private CancellationTokenRegistration _cancel;

    public EventSubscriberActor(Func<FeedQueries> queries, TimeProvider clock, OpenEventStream open)
    {
        _queries = queries;
        _clock = clock;
        _open = open;
        _seam = new FactSeam<MappedFact>(catchingUp: open.Request.WantsPast);
        Receive<MappedFact>(m => Write(_seam.Live(m.PersistenceId, m.SequenceNr, m).SelectMany(f => f.Events)));
        Receive<JournalFact>(f =>
        {
            var events = _mapper.Map(f.PersistenceId, f.Event);
            if (_seam.FromJournal(f.PersistenceId, f.SequenceNr)) Write(events);
        });
        Receive<CaughtUp>(_ =>
        {
            Write(_seam.EndCatchUp().SelectMany(f => f.Events));
            // Only past events were asked for, or the until time passed while reading them.
            if (_open.Request.Until is { } until && until <= _clock.GetUtcNow()) Context.Stop(Self);
        });
        Receive<CatchUpFailed>(m =>
        {
            Context.GetLogger().Warning("event stream: reading the journal failed: {0}", m.Error.Message);
            Context.Stop(Self);
        });
        // While catching up, the end waits for the read to finish: the past up to until is all in the journal.
        Receive<UntilReached>(_ => { if (!_seam.CatchingUp) Context.Stop(Self); });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Func<FeedQueries> queries, TimeProvider clock, OpenEventStream open) =>
        Akka.Actor.Props.Create(() => new EventSubscriberActor(queries, clock, open));

    protected override void PreStart()
    {
        var self = Self;
        _cancel = _open.Cancel.Register(() => self.Tell(PoisonPill.Instance));
        ReadPast();
        if (_open.Request.Until is { } until && until - _clock.GetUtcNow() is var left && left > TimeSpan.Zero)
            Timers.StartSingleTimer("until", new UntilReached(), left);
    }

    protected override void PostStop()
    {
        _cancel.Dispose();
        _open.Output.TryComplete();
    }

    private void ReadPast()
    {
        if (!_open.Request.WantsPast) return;
        var self = Self;
        _queries().All()
            .RunForeach(f => self.Tell(f), Context.Materializer())
            .ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? new CaughtUp() : new CatchUpFailed(t.Exception!.GetBaseException())), TaskScheduler.Default);
    }

    private void Write(IEnumerable<DockerEvent> events)
    {
        foreach (var e in events)
            if (_open.Request.InWindow(e.Time) && _open.Request.Filter.Includes(e)) _open.Output.TryWrite(e);
    }

    private sealed record CaughtUp;

    private sealed record CatchUpFailed(Exception Error);

    private sealed record UntilReached;
}
