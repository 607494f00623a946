using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Turns an <see cref="AtomicWrite"/> into the rows the SQL plugin would write for it: the payload (unwrapped
/// from the taggers' <see cref="Tagged"/>) serialized by the serializer bound to its type, with that
/// serializer's id and manifest, the write time in ticks unless the fact carries one, this journal's writer
/// uuid, and its tags. A fact that does not serialize rejects its whole atomic write, as in the plugin.
/// </summary>
internal sealed class JournalRowSerializer(Akka.Serialization.Serialization serialization, string writerUuid)
{
    /// <summary>The rows of one atomic write, or none and why it is rejected.</summary>
    public sealed record Result(IReadOnlyList<JournalRowWrite> Rows, Exception? Rejection);

    public Result Serialize(AtomicWrite write)
    {
        if (write.Payload is not IReadOnlyList<IPersistentRepresentation> facts)
            return new Result([], new ArgumentException($"{write.PersistenceId}: atomic write without facts"));
        var now = DateTime.UtcNow.Ticks;
        try
        {
            return new Result(facts.Select(f => Row(f, now)).ToList(), null);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new Result([], error);
        }
    }

    private JournalRowWrite Row(IPersistentRepresentation fact, long now)
    {
        var (payload, tags) = fact.Payload is Tagged tagged
            ? (tagged.Payload, (IReadOnlyCollection<string>)tagged.Tags)
            : (fact.Payload, []);
        var serializer = serialization.FindSerializerFor(payload);
        return new JournalRowWrite(
            fact.PersistenceId,
            fact.SequenceNr,
            fact.Timestamp == 0 ? now : fact.Timestamp,
            serializer.ToBinary(payload),
            Akka.Serialization.Serialization.ManifestFor(serializer, payload),
            serializer.Identifier,
            writerUuid,
            tags);
    }
}
