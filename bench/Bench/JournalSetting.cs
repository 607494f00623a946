using Akka.Actor;
using Akka.Configuration;
using Berth.Actors;
using Berth.Journal.Sqlite;

namespace Berth.Bench;

/// <summary>
/// One way of configuring the journal: the product's (<see cref="SqliteJournalSetup"/>, as the daemon starts
/// its actor system), or the plugin as it comes (its own defaults where berth tunes it, no group commit), with
/// HOCON on top. Durability is never touched: every connection keeps WAL and synchronous=FULL.
/// </summary>
internal sealed record JournalSetting(string Name, bool Product, string Hocon = "")
{
    public static readonly JournalSetting AsConfigured = new("berth (as configured in the product)", Product: true);

    /// <summary>The plugin's defaults where berth overrides them: its own journal class, 3 writers, batches of 100,
    /// row-by-row tag inserts, default read isolation, and none of berth's connection options (so no group commit).</summary>
    public static readonly JournalSetting StockPlugin = new("stock plugin (reference)", Product: false, """
        akka.persistence.journal.sql {
          class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
          replay-filter.mode = repair-by-discard-old
          parallelism = 3, batch-size = 100, read-isolation-level = unspecified
          tagtable-asqueryable-insert-mode = off
        }
        akka.persistence.snapshot-store.sql.read-isolation-level = unspecified
        akka.persistence.query.journal.sql.read-isolation-level = unspecified
        """);

    public static JournalOptions Options(string databasePath) => JournalOptions.For(databasePath, BerthSerializer.TypeName);

    public Config Config() => ConfigurationFactory.ParseString($"""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        {Hocon}
        """);

    public ActorSystem CreateSystem(string databasePath) => Product
        ? SqliteJournalSetup.Start("bench", Options(databasePath), Config())
        : ActorSystem.Create("bench", Config().WithFallback(SqliteJournalConfig.Build(Options(databasePath))));
}
