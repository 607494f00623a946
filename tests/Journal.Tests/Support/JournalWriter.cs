using Akka.Actor;
using Berth.Journal.Events;

namespace Berth.Journal.Tests.Support;

/// <summary>Persists facts through one <see cref="JournalingActor"/> per persistence id, each durable before the next.</summary>
public sealed class JournalWriter(ActorSystem system)
{
    private readonly Dictionary<string, IActorRef> _writers = new();

    public async Task WriteAsync(params (string PersistenceId, IJournaled Fact)[] facts)
    {
        foreach (var (persistenceId, fact) in facts)
        {
            if (!_writers.TryGetValue(persistenceId, out var writer))
                _writers[persistenceId] = writer = system.ActorOf(JournalingActor.Props(persistenceId));
            await writer.Ask<JournalingActor.Persisted>(fact, Patience.Journal);
        }
    }
}
