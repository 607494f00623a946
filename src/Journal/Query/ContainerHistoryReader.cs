using Akka.Actor;
using Berth.Journal.Events;
using Berth.Journal.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Query;

/// <summary>
/// One container's whole journaled life, read with plain SQL along the journal's unique (persistence id,
/// sequence number) index: cheaper than a read-journal stream for a one-shot answer, and it needs no live
/// actor, so it serves containers long removed (their rows stay) and works the same after a restart.
/// It also finds a container among every one the journal holds, by id, id prefix or last name.
/// Synchronous (Microsoft.Data.Sqlite is): callers keep it off actor threads.
/// </summary>
public sealed class ContainerHistoryReader(string connectionString, Akka.Serialization.Serialization serialization)
{
    private const string Facts = """
        SELECT ordering, sequence_number, identifier, manifest, message FROM journal
        WHERE persistence_id = $id AND deleted = 0 ORDER BY sequence_number
        """;

    // Ids are hex, but a reference is user text: substr keeps LIKE's wildcards out of the comparison. In id
    // order the exact id, if journaled, comes first (it prefixes every other match), so two rows tell all.
    private const string ByPrefix = """
        SELECT DISTINCT persistence_id FROM journal
        WHERE persistence_id >= 'container-' AND persistence_id < 'container.' AND substr(persistence_id, 1, $length) = $prefix
        ORDER BY persistence_id LIMIT 2
        """;

    // A container's name is the one Created reserved, or the last Renamed gave it.
    private const string Names = """
        SELECT ordering, persistence_id, identifier, manifest, message FROM journal
        WHERE persistence_id >= 'container-' AND persistence_id < 'container.' AND deleted = 0
          AND (sequence_number = 1 OR manifest LIKE 'renamed/%')
        ORDER BY ordering
        """;

    /// <summary>The reader of the journal the system's SQL journal plugin writes to.</summary>
    public static ContainerHistoryReader For(ActorSystem system) => new(
        system.Settings.Config.GetString("akka.persistence.journal.sql.connection-string"), system.Serialization);

    /// <summary>Every fact of the container, oldest first; empty when the journal holds none of it.</summary>
    public IReadOnlyList<ContainerEventEnvelope> Read(string containerId)
    {
        using var connection = JournalTable.OpenIfPresent(connectionString);
        if (connection is null) return [];
        using var command = connection.CreateCommand();
        command.CommandText = Facts;
        command.Parameters.AddWithValue("$id", ContainerEventQueries.PersistenceIdOf(containerId));
        using var reader = command.ExecuteReader();
        var facts = new List<ContainerEventEnvelope>();
        while (reader.Read())
        {
            // A row that does not decode would stop the container's own recovery too: let the failure show.
            var fact = JournalTable.Decode(serialization, reader, 2) as IContainerEvent
                ?? throw new InvalidDataException($"container {containerId}: fact {reader.GetInt64(1)} is not a container event");
            facts.Add(new ContainerEventEnvelope(reader.GetInt64(0), containerId, reader.GetInt64(1), fact));
        }
        return facts;
    }

    /// <summary>
    /// Finds a container among all the journal holds, as Docker resolves references: the full id, then the
    /// name (the most recently created holder when several removed containers had it), then a unique id prefix.
    /// </summary>
    public ContainerJournalLookup Find(string reference)
    {
        if (string.IsNullOrEmpty(reference)) return new ContainerJournalLookup.Missing();
        using var connection = JournalTable.OpenIfPresent(connectionString);
        if (connection is null) return new ContainerJournalLookup.Missing();
        var byPrefix = IdsWithPrefix(connection, reference);
        if (byPrefix.Contains(reference)) return new ContainerJournalLookup.Found(reference);
        if (LastHolderOf(connection, reference.StartsWith('/') ? reference[1..] : reference) is { } named)
            return new ContainerJournalLookup.Found(named);
        return byPrefix.Count switch
        {
            0 => new ContainerJournalLookup.Missing(),
            1 => new ContainerJournalLookup.Found(byPrefix[0]),
            _ => new ContainerJournalLookup.Ambiguous(),
        };
    }

    private static List<string> IdsWithPrefix(SqliteConnection connection, string reference)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ByPrefix;
        var prefix = ContainerEventQueries.PersistenceIdOf(reference);
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$length", prefix.Length);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0)[ContainerEventQueries.PersistenceIdPrefix.Length..]);
        return ids;
    }

    /// <summary>The container whose last name is <paramref name="name"/>, the latest created when several.</summary>
    private string? LastHolderOf(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Names;
        using var reader = command.ExecuteReader();
        // Rows come in journal order, so a later rename overwrites an earlier name, and creation order is kept.
        var nameOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var createdAt = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var id = reader.GetString(1)[ContainerEventQueries.PersistenceIdPrefix.Length..];
            switch (JournalTable.Decode(serialization, reader, 2))
            {
                case Created created:
                    nameOf[id] = created.Name.TrimStart('/');
                    createdAt[id] = reader.GetInt64(0);
                    break;
                case Renamed renamed:
                    nameOf[id] = renamed.NewName.TrimStart('/');
                    break;
            }
        }
        return nameOf.Where(p => p.Value == name && createdAt.ContainsKey(p.Key))
            .OrderByDescending(p => createdAt[p.Key]).Select(p => p.Key).FirstOrDefault();
    }
}
