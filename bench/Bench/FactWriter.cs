using Akka.Actor;
using Akka.Persistence;
using Berth.Journal.Events;

namespace Berth.Bench;

/// <summary>Journals the facts it is given under one persistence id as one atomic write (to fill a journal quickly),
/// then the snapshot it is given, if any, as the daemon's actors snapshot their state.</summary>
internal sealed class FactWriter : ReceivePersistentActor
{
    private IActorRef _replyTo = ActorRefs.Nobody;

    public FactWriter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<IJournaled>(_ => { });
        Command<Facts>(m =>
        {
            var left = m.All.Count;
            var replyTo = Sender;
            PersistAll(m.All, _ =>
            {
                if (--left > 0) return;
                if (m.Snapshot is null) replyTo.Tell(Written.Instance);
                else { _replyTo = replyTo; SaveSnapshot(m.Snapshot); }
            });
        });
        Command<SaveSnapshotSuccess>(_ => _replyTo.Tell(Written.Instance));
        Command<SaveSnapshotFailure>(m => _replyTo.Tell(new Akka.Actor.Status.Failure(m.Cause)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new FactWriter(persistenceId));

    public sealed record Facts(IReadOnlyList<IJournaled> All, IJournaled? Snapshot = null);

    public sealed record Written { public static readonly Written Instance = new(); }
}
