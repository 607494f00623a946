using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Sqlite;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>The bulk read at daemon start: every container's facts in sequence order, and only whole histories.</summary>
public sealed class ContainerJournalScanTests : TestKit
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly TempJournal _journal;

    public ContainerJournalScanTests() : this(new TempJournal()) { }

    private ContainerJournalScanTests(TempJournal journal) : base(journal.Setup, "journal-scan") => _journal = journal;

    [Fact]
    public void A_journal_without_tables_yet_holds_no_history()
    {
        Assert.Empty(ContainerJournalScan.For(Sys).ReadAll());
    }

    [Fact]
    public async Task Every_containers_facts_are_read_in_sequence_order_and_nothing_else()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-b", new StartRequested(false, T)),
            ("registry", new NameReserved("a", "alpha", T)),
            ("container-a", new StartRequested(false, T.AddSeconds(1))),
            ("container-b", new Paused(T.AddSeconds(2))),
            ("containerless", new Paused(T.AddSeconds(3))),
            ("container-a", new TaskStarted(100, 5000, 99, T.AddSeconds(4))),
            ("container-b", new Unpaused(T.AddSeconds(5))));

        var histories = ContainerJournalScan.For(Sys).ReadAll();

        Assert.Equal(["a", "b"], histories.Select(h => h.ContainerId));
        Assert.Equal([new StartRequested(false, T.AddSeconds(1)), new TaskStarted(100, 5000, 99, T.AddSeconds(4))], histories[0].Events);
        Assert.Equal([new StartRequested(false, T), new Paused(T.AddSeconds(2)), new Unpaused(T.AddSeconds(5))], histories[1].Events);
        Assert.Equal(3, histories[1].HighestSequenceNr);
    }

    [Fact]
    public async Task A_container_whose_facts_do_not_run_from_one_without_a_gap_is_left_to_its_own_replay()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-a", new Paused(T)), ("container-a", new Unpaused(T)), ("container-a", new Paused(T)),
            ("container-b", new Paused(T)));
        _journal.Scalar("DELETE FROM journal WHERE persistence_id = 'container-a' AND sequence_number = 2");

        var histories = ContainerJournalScan.For(Sys).ReadAll();

        Assert.Equal(["b"], histories.Select(h => h.ContainerId));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
