using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Prepares the journal's SQLite file before the actor system opens it: creates its directory and
/// switches it to WAL (persisted in the file, and not settable through the connection string).
/// Synchronous stays at SQLite's default FULL, so every commit is fsync'd.
/// </summary>
public static class SqliteJournalFile
{
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
    }
}
