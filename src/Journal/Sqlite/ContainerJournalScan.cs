using Akka.Actor;
using Berth.Journal.Events;
using Berth.Journal.Query;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Reads every container's facts in one pass over the journal table (persistence id, then sequence
/// number, along the table's unique index), for the bulk recovery at daemon start: one query instead of
/// one replay per container. Rows are decoded as replay decodes them (serializer id and manifest, so
/// retired versions are upcast). A container whose rows do not run 1, 2, 3… or do not decode to container
/// events is left out: it recovers by its own replay, which reports its problem as before.
/// Synchronous (Microsoft.Data.Sqlite is): callers run it off their actor's thread.
/// </summary>
public sealed class ContainerJournalScan(string connectionString, Akka.Serialization.Serialization serialization)
{
    // '.' follows '-': the range holds exactly the ids starting with "container-".
    private const string Query = """
        SELECT persistence_id, sequence_number, identifier, manifest, message FROM journal
        WHERE persistence_id >= 'container-' AND persistence_id < 'container.' AND deleted = 0
        ORDER BY persistence_id, sequence_number
        """;

    /// <summary>The scan of the journal the system's SQL journal plugin writes to.</summary>
    public static ContainerJournalScan For(ActorSystem system) => new(
        system.Settings.Config.GetString("akka.persistence.journal.sql.connection-string"), system.Serialization);

    /// <summary>Every container's history; none before the plugin has made its tables (a first start).</summary>
    public IReadOnlyList<ContainerHistory> ReadAll()
    {
        using var connection = JournalTable.OpenIfPresent(connectionString);
        if (connection is null) return [];
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        using var reader = command.ExecuteReader();
        var histories = new List<ContainerHistory>();
        string? current = null;
        var events = new List<IContainerEvent>();
        var intact = true;
        while (reader.Read())
        {
            var persistenceId = reader.GetString(0);
            if (persistenceId != current)
            {
                Close(current, events, intact, histories);
                (current, events, intact) = (persistenceId, new List<IContainerEvent>(), true);
            }
            if (!intact) continue;
            var fact = reader.GetInt64(1) == events.Count + 1 ? Decode(reader) : null;
            if (fact is null) intact = false;
            else events.Add(fact);
        }
        Close(current, events, intact, histories);
        return histories;
    }

    private IContainerEvent? Decode(SqliteDataReader reader)
    {
        try
        {
            return JournalTable.Decode(serialization, reader, 2) as IContainerEvent;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static void Close(string? persistenceId, List<IContainerEvent> events, bool intact, List<ContainerHistory> histories)
    {
        if (persistenceId is null || !intact || events.Count == 0) return;
        histories.Add(new ContainerHistory(persistenceId[ContainerEventQueries.PersistenceIdPrefix.Length..], events));
    }
}
