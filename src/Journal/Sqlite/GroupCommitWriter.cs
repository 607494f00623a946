using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Group commit for the journal: one thread of its own writes the journal's rows, each transaction committed
/// with synchronous=FULL (fsync'd). A write that finds the writer idle is committed at once, alone; writes
/// that arrive while a commit is in flight wait for it and then share the next transaction (up to
/// <c>maxRows</c> rows), so many containers persisting together pay one fsync per group, and a lone container
/// never waits for company. A write's task completes only after its transaction committed; if a group's
/// transaction fails, each of its writes is tried again alone, so one bad write fails only itself.
/// Microsoft.Data.Sqlite is synchronous: the fsync blocks this thread, never an actor's or the thread pool's.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const string InsertFact = """
        INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
        VALUES ($created, 0, $id, $nr, $message, $manifest, $identifier, $writer) RETURNING ordering
        """;
    private const string InsertTag = "INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id) VALUES ($ordering, $tag, $nr, $id)";

    private static readonly TimeSpan ShutdownPatience = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly int _maxRows;
    private readonly Thread _thread;
    private readonly Queue<Pending> _queue = new();
    private bool _closed;
    private SqliteConnection? _connection;

    public GroupCommitWriter(string connectionString, int maxRows)
    {
        _connectionString = connectionString;
        _maxRows = Math.Max(1, maxRows);
        _thread = new Thread(Run) { IsBackground = true, Name = "berth-journal-writer" };
        _thread.Start();
    }

    /// <summary>Writes <paramref name="rows"/> in one transaction (perhaps with others' rows); completes once committed.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRowWrite> rows)
    {
        var pending = new Pending(rows, new TaskCompletionSource());
        lock (_queue)
        {
            if (_closed) throw new ObjectDisposedException(nameof(GroupCommitWriter));
            _queue.Enqueue(pending);
            Monitor.Pulse(_queue);
        }
        return pending.Done.Task;
    }

    /// <summary>Commits what is queued, then stops the thread (waiting a few seconds at most) and closes the connection.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.Pulse(_queue);
        }
        _thread.Join(ShutdownPatience);
    }

    private void Run()
    {
        while (NextGroup() is { } group) Commit(group);
        _connection?.Dispose();
    }

    // Everything queued while the last commit was in flight, up to the row cap (at least one write); null once closed and drained.
    private List<Pending>? NextGroup()
    {
        lock (_queue)
        {
            while (_queue.Count == 0 && !_closed) Monitor.Wait(_queue);
            if (_queue.Count == 0) return null;
            var group = new List<Pending> { _queue.Dequeue() };
            var rows = group[0].Rows.Count;
            while (_queue.TryPeek(out var next) && rows + next.Rows.Count <= _maxRows)
            {
                group.Add(_queue.Dequeue());
                rows += next.Rows.Count;
            }
            return group;
        }
    }

    private void Commit(List<Pending> group)
    {
        try
        {
            Transact(group);
            foreach (var write in group) write.Done.TrySetResult();
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var write in group) Commit([write]);
        }
        catch (Exception error)
        {
            foreach (var write in group) write.Done.TrySetException(error);
        }
    }

    private void Transact(List<Pending> group)
    {
        var connection = _connection ??= Open();
        try
        {
            using var transaction = connection.BeginTransaction();
            using var fact = Command(connection, transaction, InsertFact, "$created", "$id", "$nr", "$message", "$manifest", "$identifier", "$writer");
            using var tag = Command(connection, transaction, InsertTag, "$ordering", "$tag", "$nr", "$id");
            foreach (var write in group)
                foreach (var row in write.Rows)
                    Insert(fact, tag, row);
            transaction.Commit();
        }
        catch (Exception)
        {
            // A connection a failure left in doubt is not reused.
            _connection = null;
            connection.Dispose();
            throw;
        }
    }

    private static void Insert(SqliteCommand fact, SqliteCommand tag, JournalRowWrite row)
    {
        Set(fact, row.Created, row.PersistenceId, row.SequenceNr, row.Message, row.Manifest, row.SerializerId, row.WriterUuid);
        var ordering = (long)fact.ExecuteScalar()!;
        foreach (var name in row.Tags)
        {
            Set(tag, ordering, name, row.SequenceNr, row.PersistenceId);
            tag.ExecuteNonQuery();
        }
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private sealed record Pending(IReadOnlyList<JournalRowWrite> Rows, TaskCompletionSource Done);
}
