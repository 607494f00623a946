using Akka.Actor;
using Akka.Persistence;
using Berth.Journal.Events;

namespace Berth.Bench;

/// <summary>
/// Stands in for a Container actor on the persistence path: PersistenceId <c>container-&lt;id&gt;</c>,
/// container events (tagged by the daemon's adapter), one fact at a time, each durable before the next
/// command is taken, as ContainerActor persists what its children report.
/// </summary>
internal sealed class BenchContainerActor : ReceivePersistentActor
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private long _facts;
    private int _remaining;
    private IActorRef _replyTo = ActorRefs.Nobody;

    public BenchContainerActor(string id)
    {
        PersistenceId = "container-" + id;
        Recover<IContainerEvent>(_ => { });
        Command<Ping>(_ => Sender.Tell(new Pong()));
        Command<Write>(w => { _remaining = w.Events; _replyTo = Sender; Self.Tell(Next.Instance); });
        Command<Next>(_ => Persist(Fact(), _ => Self.Tell(--_remaining > 0 ? Next.Instance : Finished.Instance)));
        Command<Finished>(_ => _replyTo.Tell(new Written(PersistenceId)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string id) => Akka.Actor.Props.Create(() => new BenchContainerActor(id));

    /// <summary>Freeze and thaw in turn, as a paused/unpaused container journals them.</summary>
    private IContainerEvent Fact() =>
        _facts++ % 2 == 0 ? new Paused(_clock.GetUtcNow()) : new Unpaused(_clock.GetUtcNow());

    /// <summary>Persist <paramref name="Events"/> facts one after another; answers <see cref="Written"/>.</summary>
    public sealed record Write(int Events);

    public sealed record Written(string PersistenceId);

    /// <summary>Answered once recovery is over (commands wait until then).</summary>
    public sealed record Ping;

    public sealed record Pong;

    private sealed record Next { public static readonly Next Instance = new(); }

    private sealed record Finished { public static readonly Finished Instance = new(); }
}
