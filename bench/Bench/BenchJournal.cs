using Akka.Actor;
using Berth.Journal.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Bench;

/// <summary>A journal file in a temp directory of its own, prepared as the daemon prepares it; deleted on dispose.</summary>
internal sealed class BenchJournal : IDisposable
{
    private readonly string _directory;

    public BenchJournal(string? directory = null)
    {
        _directory = directory ?? Path.Combine(Path.GetTempPath(), "berth-bench-" + Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(_directory, "journal.db");
        SqliteJournalFile.Prepare(JournalSetting.Options(DatabasePath));
    }

    public string DatabasePath { get; }

    public ActorSystem Start(JournalSetting setting) => setting.CreateSystem(DatabasePath);

    /// <summary>What a journal connection reports for the PRAGMAs that decide durability.</summary>
    public (string JournalMode, long Synchronous) Durability()
    {
        using var connection = new SqliteConnection(SqliteJournalConfig.ConnectionString(JournalSetting.Options(DatabasePath)));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var mode = (string)command.ExecuteScalar()!;
        command.CommandText = "PRAGMA synchronous";
        return (mode, (long)command.ExecuteScalar()!);
    }

    /// <summary>
    /// Checks what a benchmark wrote: the expected number of facts, each tagged, and every container's
    /// facts in journal order with sequence numbers 1, 2, 3… (batching across containers must not reorder one).
    /// </summary>
    public void Verify(long expectedFacts)
    {
        var facts = Scalar("SELECT count(*) FROM journal WHERE persistence_id LIKE 'container-%'");
        var tags = Scalar("SELECT count(*) FROM tags WHERE tag = 'container'");
        var outOfOrder = Scalar(
            "SELECT count(*) FROM (SELECT sequence_number - coalesce(lag(sequence_number) OVER " +
            "(PARTITION BY persistence_id ORDER BY ordering), 0) AS step FROM journal) WHERE step <> 1");
        if (facts != expectedFacts || tags != expectedFacts || outOfOrder != 0)
            throw new InvalidOperationException($"journal holds {facts} facts ({tags} tagged, {outOfOrder} out of order), expected {expectedFacts}");
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection(SqliteJournalConfig.ConnectionString(JournalSetting.Options(DatabasePath)));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
