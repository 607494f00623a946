using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace Berth.Journal.Sqlite;

/// <summary>
/// How every berth actor system is created (the daemon's and the tests'): the journal configuration of
/// <see cref="SqliteJournalConfig"/> under the caller's own settings, plus the plugin's connection options
/// (<see cref="DataOptionsSetup"/>: SQLite.MS and the journal's connection string) for the journal, the
/// snapshot store and the read journal. Group commit is the journal's own (<see cref="SqliteWriteJournal"/>).
/// </summary>
public static class SqliteJournalSetup
{
    /// <summary>The setup of an actor system on the journal in <paramref name="options"/>; <paramref name="config"/> wins over the journal's defaults.</summary>
    public static ActorSystemSetup Create(JournalOptions options, Config? config = null)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig((config ?? Config.Empty).WithFallback(SqliteJournalConfig.Build(options)));
        return ActorSystemSetup.Create(bootstrap, new DataOptionsSetup(DataOptions(options)));
    }

    /// <summary>Prepares the journal file (<see cref="SqliteJournalFile.Prepare"/>) and starts an actor system on it.</summary>
    public static ActorSystem Start(string systemName, JournalOptions options, Config? config = null)
    {
        SqliteJournalFile.Prepare(options);
        return ActorSystem.Create(systemName, Create(options, config));
    }

    /// <summary>The linq2db options every plugin connection is opened with.</summary>
    public static DataOptions DataOptions(JournalOptions options) => new DataOptions()
        .UseConnectionString(SqliteJournalConfig.ProviderName, SqliteJournalConfig.ConnectionString(options));
}
