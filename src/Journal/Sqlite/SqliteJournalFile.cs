using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Prepares the journal's SQLite file before the actor system opens it: creates its directory, switches it
/// to WAL (persisted in the file, and not settable through the connection string) and creates the SQL
/// plugin's tables if they are missing. Synchronous stays at SQLite's default FULL, so every commit is fsync'd.
/// </summary>
public static class SqliteJournalFile
{
    /// <summary>
    /// The plugin's own schema (tag-table mode, no metadata table), column for column and index for index;
    /// a test compares it with what the plugin's auto-initialize makes. Made here, with plain SQL, because the
    /// plugin makes it through linq2db in the journal actor's start, which every journal request then waits
    /// for: the first linq2db use of a daemon (hundreds of milliseconds of JIT) on the recovery's critical path.
    /// </summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering        INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
            created         INTEGER       NOT NULL,
            deleted         Bit           NOT NULL,
            persistence_id  NVarChar(255) NOT NULL,
            sequence_number INTEGER       NOT NULL,
            message         VarBinary     NOT NULL,
            manifest        NVarChar(500)     NULL,
            identifier      INTEGER           NULL,
            writer_uuid     NVarChar(128)     NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
        CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);
        CREATE TABLE IF NOT EXISTS tags (
            ordering_id    INTEGER       NOT NULL,
            tag            NVarChar(64)  NOT NULL,
            sequence_nr    INTEGER       NOT NULL,
            persistence_id NVarChar(255) NOT NULL,
            CONSTRAINT PK_tags PRIMARY KEY (ordering_id, tag));
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id  NVarChar(255) NOT NULL,
            sequence_number INTEGER       NOT NULL,
            created         INTEGER       NOT NULL,
            snapshot        VarBinary         NULL,
            manifest        NVarChar(500)     NULL,
            serializer_id   INTEGER           NULL,
            CONSTRAINT PK_snapshot PRIMARY KEY (persistence_id, sequence_number));
        CREATE INDEX IF NOT EXISTS snapshot_sequence_number_idx ON snapshot (sequence_number);
        CREATE INDEX IF NOT EXISTS snapshot_created_idx ON snapshot (created);
        """;

    public static void Prepare(JournalOptions options)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (directory is not null) Directory.CreateDirectory(directory);
        using var connection = new SqliteConnection(SqliteJournalConfig.ConnectionString(options));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"journal {options.DatabasePath}: SQLite refused WAL mode (got '{mode}')");
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }
}
