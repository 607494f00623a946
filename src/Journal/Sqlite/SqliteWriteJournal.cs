using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// The SQL plugin's write journal with one query of its own: the highest sequence number of a persistence
/// id, which every recovery asks for once. The plugin builds that query through linq2db each time (SQL
/// generation, a data connection and a transaction: milliseconds on a busy two-core host, which thousands of
/// containers starting together pay one after another on the journal's thread); here it is one indexed
/// <c>max()</c> on a pooled connection. As in the plugin, a write still in progress for that id is awaited
/// first, so the answer counts every write that was acknowledged.
/// </summary>
public sealed class SqliteWriteJournal : SqlWriteJournal
{
    private const string Query = "SELECT max(sequence_number) FROM journal WHERE persistence_id = $id AND sequence_number >= $from";

    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, Task> _writing = new();

    public SqliteWriteJournal(Config journalConfig) : base(journalConfig) =>
        _connectionString = journalConfig.GetString("connection-string");

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var task = base.WriteMessagesAsync(writes, cancellationToken);
        foreach (var persistenceId in writes.Select(w => w.PersistenceId).Distinct())
        {
            _writing[persistenceId] = task;
            task.ContinueWith(_ => _writing.TryRemove(KeyValuePair.Create(persistenceId, (Task)task)), TaskScheduler.Default);
        }
        return task;
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_writing.TryGetValue(persistenceId, out var write))
        {
            // Whether it succeeded or not, only its end matters.
            try { await write.ConfigureAwait(false); } catch (Exception) { }
        }
        return HighestSequenceNr(persistenceId, fromSequenceNr);
    }

    private long HighestSequenceNr(string persistenceId, long fromSequenceNr)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        return command.ExecuteScalar() is long highest ? highest : 0L;
    }
}
