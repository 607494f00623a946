using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Berth.Journal.Query;

namespace Berth.Actors.Events;

/// <summary>
/// The live half of <c>GET /events</c> (<c>/user/berth/events</c>). Persistent actors publish each fact
/// once it is journaled (<see cref="FactPublished"/>, on the system's event stream); the feed maps it to
/// Docker's events and hands it to every subscriber at once, so a transition reaches a following
/// client without waiting for the journal's polling read. To map a container's fact it needs what
/// came before (name, image, networks): at start it reads the whole journal once, holding live facts
/// back meanwhile, and joins the two without gap or duplicate (<see cref="FactSeam{T}"/>). A client
/// stream is a child <see cref="EventSubscriberActor"/>, registered the moment it is opened (even while
/// the feed catches up): it gets every fact published from then on, and none from before.
/// </summary>
public sealed class EventFeedActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Func<FeedQueries> _queries;
    private readonly TimeProvider _clock;
    /// <summary>Each subscriber with the arrival number of the first live fact it is owed.</summary>
    private readonly Dictionary<IActorRef, long> _subscribers = new();
    private FactSeam<(long Arrival, FactPublished Fact)> _seam = new(catchingUp: true);
    private long _arrivals;
    private DockerEventMapper _mapper = new();

    public EventFeedActor(TimeProvider clock, Func<FeedQueries>? queries)
    {
        var system = Context.System;
        _queries = queries ?? (() => FeedQueries.For(system));
        _clock = clock;
        CatchingUp();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The feed; <paramref name="queries"/> defaults to the system's SQL read journal.</summary>
    public static Props Props(TimeProvider clock, Func<FeedQueries>? queries = null) =>
        Akka.Actor.Props.Create(() => new EventFeedActor(clock, queries));

    protected override void PreStart()
    {
        // The guardian subscribes the feed before it makes any container; this is for a feed made elsewhere.
        Context.System.EventStream.Subscribe(Self, typeof(FactPublished));
        ReadJournal();
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void CatchingUp()
    {
        Subscriptions();
        Receive<JournalFact>(f => { if (_seam.FromJournal(f.PersistenceId, f.SequenceNr)) _mapper.Map(f.PersistenceId, f.Event); });
        Receive<CaughtUp>(_ =>
        {
            foreach (var held in _seam.EndCatchUp()) Hand(held);
            Become(Ready);
        });
        Receive<CatchUpFailed>(m =>
        {
            _log.Warning("event feed: reading the journal failed, retrying: {0}", m.Error.Message);
            _seam = new FactSeam<(long, FactPublished)>(catchingUp: true);
            _mapper = new DockerEventMapper();
            Timers.StartSingleTimer("retry", new Retry(), RetryAfter);
        });
        Receive<Retry>(_ => ReadJournal());
    }

    private void Ready() => Subscriptions();

    private void Subscriptions()
    {
        Receive<FactPublished>(OnPublished);
        Receive<OpenEventStream>(m =>
        {
            var subscriber = Context.ActorOf(EventSubscriberActor.Props(_queries, _clock, m));
            _subscribers[subscriber] = _arrivals;
            Context.Watch(subscriber);
        });
        Receive<Terminated>(m => _subscribers.Remove(m.ActorRef));
    }

    private void OnPublished(FactPublished fact)
    {
        var arrival = _arrivals++;
        foreach (var released in _seam.Live(fact.PersistenceId, fact.SequenceNr, (arrival, fact))) Hand(released);
    }

    private void Hand((long Arrival, FactPublished Fact) held)
    {
        var (arrival, fact) = held;
        var events = _mapper.Map(fact.PersistenceId, fact.Event);
        if (events.Count == 0) return;
        var mapped = new MappedFact(fact.PersistenceId, fact.SequenceNr, events);
        foreach (var (subscriber, owedFrom) in _subscribers)
            if (arrival >= owedFrom) subscriber.Tell(mapped);
    }

    private void ReadJournal()
    {
        var self = Self;
        _queries().All()
            .RunForeach(f => self.Tell(f), Context.Materializer())
            .ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? new CaughtUp() : new CatchUpFailed(t.Exception!.GetBaseException())),
                TaskScheduler.Default);
    }

    private sealed record CaughtUp;

    private sealed record CatchUpFailed(Exception Error);

    private sealed record Retry;
}
