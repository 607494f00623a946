using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Sqlite;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>
/// The daemon's first start on an empty file: preparing the file makes the plugin's tables (as the plugin's
/// own auto-initialize would make them), and the plugin writes and reads them.
/// </summary>
public sealed class JournalTablesTests : TestKit
{
    private readonly TempJournal _journal;

    public JournalTablesTests() : this(new TempJournal()) { }

    private JournalTablesTests(TempJournal journal) : base(journal.Setup, "journal-tables") => _journal = journal;

    [Fact]
    public void A_prepared_journal_file_has_the_journal_and_snapshot_tables_before_the_first_start()
    {
        Assert.Equal(["journal", "snapshot", "tags"], Tables());
    }

    [Fact]
    public async Task The_prepared_tables_are_the_ones_the_plugin_makes_itself()
    {
        using var plugins = new TempJournal(prepare: false);
        var system = ActorSystem.Create("plugin-tables", SqliteJournalSetup.Create(plugins.Options, ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.persistence.journal.sql.auto-initialize = on
            akka.persistence.snapshot-store.sql.auto-initialize = on
            """)));
        try
        {
            var persistence = Persistence.Instance.Apply(system);
            persistence.JournalFor(null);
            persistence.SnapshotStoreFor(null);
            await AwaitAssertAsync(() => Assert.Equal(3, Tables(plugins).Count), Patience.Journal);
        }
        finally
        {
            await system.Terminate();
        }

        Assert.Equal(Schema(plugins), Schema(_journal));
    }

    [Fact]
    public void A_fact_persisted_on_first_start_lands_in_the_created_journal_table()
    {
        var writer = Sys.ActorOf(JournalingActor.Props("container-c1"));

        writer.Tell(new Paused(DateTimeOffset.UnixEpoch), TestActor);

        ExpectMsg(new JournalingActor.Persisted("container-c1", 1), Patience.Journal);
        Assert.Equal(["paused/1"], _journal.Column("SELECT manifest FROM journal"));
        Assert.Equal(["container"], _journal.Column("SELECT tag FROM tags"));
    }

    private List<string> Tables() => Tables(_journal);

    private static List<string> Tables(TempJournal journal) =>
        journal.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").ToList();

    // Every column (name, declared type, not null, key position) and every index (name, unique, columns) of each table.
    private static List<string> Schema(TempJournal journal) => journal.Column("""
        SELECT t.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
        FROM sqlite_master t, pragma_table_info(t.name) c WHERE t.type = 'table' AND t.name IN ('journal', 'tags', 'snapshot')
        UNION ALL
        SELECT t.name || ' index ' || i.name || ' unique=' || i."unique" || ' (' ||
               (SELECT group_concat(name, ',') FROM (SELECT x.name FROM pragma_index_info(i.name) x ORDER BY x.seqno)) || ')'
        FROM sqlite_master t, pragma_index_list(t.name) i WHERE t.type = 'table' AND t.name IN ('journal', 'tags', 'snapshot')
        ORDER BY 1
        """).ToList();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
