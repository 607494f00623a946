using Akka.Actor;
using Akka.Persistence;
using Berth.Journal.Events;

namespace Berth.Journal.Tests.Support;

/// <summary>
/// A persistent actor that journals whatever fact it is sent, one at a time as the daemon's actors do,
/// and answers <see cref="Persisted"/> once the fact is durable.
/// </summary>
public sealed class JournalingActor : ReceivePersistentActor
{
    public JournalingActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<IJournaled>(_ => { });
        Command<IJournaled>(fact => Persist(fact, _ => Sender.Tell(new Persisted(persistenceId, LastSequenceNr))));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalingActor(persistenceId));

    /// <summary>The fact is in the journal as <paramref name="SequenceNr"/> of <paramref name="PersistenceId"/>.</summary>
    public sealed record Persisted(string PersistenceId, long SequenceNr);
}
