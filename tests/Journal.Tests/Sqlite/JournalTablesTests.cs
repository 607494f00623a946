using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>The daemon's first start on an empty file: the plugin makes its tables itself.</summary>
public sealed class JournalTablesTests : TestKit
{
    private readonly TempJournal _journal;

    public JournalTablesTests() : this(new TempJournal()) { }

    private JournalTablesTests(TempJournal journal) : base(journal.Setup, "journal-tables") => _journal = journal;

    [Fact]
    public void An_empty_journal_file_has_no_tables_before_the_first_start()
    {
        Assert.Empty(Tables());
    }

    [Fact]
    public async Task The_journal_and_snapshot_tables_are_created_on_first_start()
    {
        var persistence = Persistence.Instance.Apply(Sys);

        persistence.JournalFor(null);
        persistence.SnapshotStoreFor(null);

        await AwaitAssertAsync(() => Assert.Equal(["journal", "snapshot", "tags"], Tables()), Patience.Journal);
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

    private List<string> Tables() =>
        _journal.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").ToList();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
