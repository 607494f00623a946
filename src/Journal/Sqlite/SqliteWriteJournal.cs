using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// The SQL plugin's journal with berth's own write path and one query of its own. Writes: each call's facts are
/// serialized here as the plugin serializes them (same columns, serializer id and manifest, tags to the tag
/// table) and committed by the <see cref="GroupCommitWriter"/>, which puts the facts of many containers
/// persisting together into one fsync'd transaction and commits a lone writer's at once. The plugin's own
/// write stream would give each write a transaction, and its per-row linq2db inserts cost more CPU than
/// SQLite itself. The query: the highest sequence number of a persistence id, which every recovery asks for
/// once; the plugin builds it through linq2db each time (SQL generation, a data connection and a transaction:
/// milliseconds on a busy two-core host, which thousands of containers starting together pay one after
/// another); here it is one indexed <c>max()</c> on a pooled connection. As in the plugin, a write still in
/// progress for that id is awaited first, so the answer counts every write that was acknowledged.
/// Replay, deletion, snapshots and the read side stay the plugin's.
/// </summary>
public sealed class SqliteWriteJournal : SqlWriteJournal
{
    private const string Query = "SELECT max(sequence_number) FROM journal WHERE persistence_id = $id AND sequence_number >= $from";

    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, Task> _writing = new();
    private readonly GroupCommitWriter _writer;
    private readonly JournalRowSerializer _rows;

    public SqliteWriteJournal(Config journalConfig) : base(journalConfig)
    {
        _connectionString = journalConfig.GetString("connection-string");
        _writer = new GroupCommitWriter(_connectionString, journalConfig.GetInt("batch-size", 400));
        _rows = new JournalRowSerializer(Context.System.Serialization, Guid.NewGuid().ToString("N"));
    }

    protected override void PostStop()
    {
        _writer.Dispose();
        base.PostStop();
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var task = WriteAsync(writes);
        foreach (var persistenceId in writes.Select(w => w.PersistenceId).Distinct())
        {
            _writing[persistenceId] = task;
            task.ContinueWith(_ => _writing.TryRemove(KeyValuePair.Create(persistenceId, (Task)task)), TaskScheduler.Default);
        }
        return task;
    }

    // Facts that do not serialize reject their own atomic write only (the persistent actor hears
    // PersistRejected); the rest are written, and a failed commit fails them all (PersistFailure).
    private async Task<IImmutableList<Exception>> WriteAsync(List<AtomicWrite> writes)
    {
        var serialized = writes.Select(_rows.Serialize).ToList();
        var rows = serialized.SelectMany(s => s.Rows).ToList();
        if (rows.Count > 0) await _writer.WriteAsync(rows).ConfigureAwait(false);
        return serialized.Any(s => s.Rejection is not null) ? serialized.Select(s => s.Rejection!).ToImmutableList() : null!;
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
