using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using Berth.Actors;
using Berth.Journal.Sqlite;
using LinqToDB;

namespace Berth.Bench;

/// <summary>
/// One way of configuring the journal: berth's <see cref="SqliteJournalConfig"/> with a write batch size
/// and HOCON overrides on top. Durability is never touched: every connection keeps synchronous=FULL.
/// </summary>
internal sealed record JournalSetting(string Name, string Hocon = "", int? WriteBatchSize = null, bool YieldingWrites = false, bool YieldingReads = false)
{
    public static readonly JournalSetting Baseline = new("berth (as configured)");

    /// <summary>The plugin's own defaults where berth overrides them: 3 writers, default read isolation.</summary>
    public static readonly JournalSetting PluginDefaults = new("plugin defaults", """
        akka.persistence.journal.sql { parallelism = 3, read-isolation-level = unspecified }
        akka.persistence.snapshot-store.sql.read-isolation-level = unspecified
        akka.persistence.query.journal.sql.read-isolation-level = unspecified
        """);

    public JournalOptions Options(string databasePath)
    {
        var options = JournalOptions.For(databasePath, BerthSerializer.TypeName);
        return WriteBatchSize is { } size ? options with { WriteBatchSize = size } : options;
    }

    public Config Config(string databasePath) =>
        ConfigurationFactory.ParseString($"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            {Hocon}
            """).WithFallback(SqliteJournalConfig.Build(Options(databasePath)));

    /// <summary>An actor system on this setting; with <see cref="YieldingWrites"/>, linq2db options carrying
    /// <see cref="YieldingInsertInterceptor"/> are handed to the plugin through its <see cref="DataOptionsSetup"/>.</summary>
    public ActorSystem CreateSystem(string databasePath)
    {
        var bootstrap = BootstrapSetup.Create().WithConfig(Config(databasePath));
        if (!YieldingWrites && !YieldingReads) return ActorSystem.Create("bench", bootstrap);
        var data = new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, SqliteJournalConfig.ConnectionString(Options(databasePath)))
            .UseInterceptor(new YieldingInsertInterceptor(alsoReads: YieldingReads));
        return ActorSystem.Create("bench", ActorSystemSetup.Create(bootstrap, new DataOptionsSetup(data)));
    }

    public static JournalSetting Combine(string name, params JournalSetting[] parts) =>
        new(name, string.Join('\n', parts.Select(p => p.Hocon)), parts.Select(p => p.WriteBatchSize).LastOrDefault(s => s is not null),
            parts.Any(p => p.YieldingWrites), parts.Any(p => p.YieldingReads));
}
