using Microsoft.Data.Sqlite;

namespace Berth.Journal.Sqlite;

/// <summary>
/// What the plain-SQL readers of the journal table share: a connection only once the plugin has made the
/// table (none exists before a first start), and a row's payload decoded as replay decodes it — by its
/// serializer id and manifest, so retired versions are upcast.
/// </summary>
internal static class JournalTable
{
    /// <summary>An open connection, or null (nothing to read) while the journal table does not exist yet.</summary>
    public static SqliteConnection? OpenIfPresent(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        if ((long)command.ExecuteScalar()! != 0) return connection;
        connection.Dispose();
        return null;
    }

    /// <summary>Decodes the row whose columns <paramref name="identifierColumn"/>, +1, +2 are identifier, manifest, message.</summary>
    public static object Decode(Akka.Serialization.Serialization serialization, SqliteDataReader reader, int identifierColumn) =>
        serialization.Deserialize((byte[])reader.GetValue(identifierColumn + 2), reader.GetInt32(identifierColumn), reader.GetString(identifierColumn + 1));
}
