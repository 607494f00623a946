using Akka.Actor.Setup;
using Akka.Configuration;
using Berth.Actors;
using Berth.Journal.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Tests.Support;

/// <summary>A journal file in a temp directory of its own, prepared as the daemon prepares it; deleted on dispose.</summary>
public sealed class TempJournal : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "berth-journal-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>A journal file prepared as the daemon prepares it; with <paramref name="prepare"/> false, only its directory.</summary>
    public TempJournal(bool prepare = true)
    {
        Options = JournalOptions.For(Path.Combine(_directory, "journal.db"), BerthSerializer.TypeName);
        if (prepare) SqliteJournalFile.Prepare(Options);
        else Directory.CreateDirectory(_directory);
    }

    public JournalOptions Options { get; }

    /// <summary>The daemon's journal setup on this file (configuration, connection options, group commit), quiet logging.</summary>
    public ActorSystemSetup Setup => SqliteJournalSetup.Create(Options, ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """));

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(SqliteJournalConfig.ConnectionString(Options));
        connection.Open();
        return connection;
    }

    public object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<string> Column(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
