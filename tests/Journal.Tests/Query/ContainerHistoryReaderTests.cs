using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Journal.Query;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Query;

/// <summary>A container's life read straight from the journal, and containers found there by id, name or prefix.</summary>
public sealed class ContainerHistoryReaderTests : TestKit
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly TempJournal _journal;

    public ContainerHistoryReaderTests() : this(new TempJournal()) { }

    private ContainerHistoryReaderTests(TempJournal journal) : base(journal.Setup, "history-reader") => _journal = journal;

    private static Created Created(string id, string name, DateTimeOffset at) =>
        new(id, name, "sha256:" + new string('e', 64), "busybox", new ContainerConfig(), new HostConfig(), at);

    [Fact]
    public void A_journal_without_tables_yet_holds_no_history_and_no_container()
    {
        var reader = ContainerHistoryReader.For(Sys);

        Assert.Empty(reader.Read("abc"));
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("abc"));
    }

    [Fact]
    public async Task One_containers_facts_come_in_its_order_with_their_journal_offsets_and_nothing_of_others()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-aa", Created("aa", "web", T)),
            ("container-bb", Created("bb", "db", T.AddSeconds(1))),
            ("container-aa", new TaskStarted(100, 5000, 99, T.AddSeconds(2))),
            ("container-aa", new Exited(3, false, false, T.AddSeconds(3))),
            ("container-aa", new Removed(T.AddSeconds(4))));

        var facts = ContainerHistoryReader.For(Sys).Read("aa");

        Assert.Equal([1L, 2, 3, 4], facts.Select(f => f.SequenceNr));
        Assert.Equal([typeof(Created), typeof(TaskStarted), typeof(Exited), typeof(Removed)], facts.Select(f => f.Event.GetType()));
        Assert.Equal(new Exited(3, false, false, T.AddSeconds(3)), facts[2].Event);
        Assert.All(facts, f => Assert.Equal("aa", f.ContainerId));
        // Offsets are journal-wide: bb's fact sits between aa's first and second.
        Assert.Equal(facts[0].Offset + 2, facts[1].Offset);
        Assert.True(facts.Zip(facts.Skip(1)).All(p => p.Item1.Offset < p.Item2.Offset));
    }

    [Fact]
    public async Task A_container_is_found_by_full_id_by_name_with_or_without_slash_and_by_unique_prefix()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-abc111", Created("abc111", "web", T)),
            ("container-abd222", Created("abd222", "db", T.AddSeconds(1))));
        var reader = ContainerHistoryReader.For(Sys);

        Assert.Equal(new ContainerJournalLookup.Found("abc111"), reader.Find("abc111"));
        Assert.Equal(new ContainerJournalLookup.Found("abd222"), reader.Find("db"));
        Assert.Equal(new ContainerJournalLookup.Found("abd222"), reader.Find("/db"));
        Assert.Equal(new ContainerJournalLookup.Found("abc111"), reader.Find("abc"));
        Assert.IsType<ContainerJournalLookup.Ambiguous>(reader.Find("ab"));
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("abe"));
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("nope"));
        // LIKE's wildcards are plain characters in a reference.
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("a%"));
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("_bc"));
    }

    [Fact]
    public async Task A_full_id_that_prefixes_other_ids_is_that_container()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-ab2", Created("ab2", "three", T)),
            ("container-ab1", Created("ab1", "two", T)),
            ("container-ab", Created("ab", "one", T)));

        Assert.Equal(new ContainerJournalLookup.Found("ab"), ContainerHistoryReader.For(Sys).Find("ab"));
    }

    [Fact]
    public async Task A_name_several_removed_containers_had_is_the_latest_created_and_a_rename_counts()
    {
        await new JournalWriter(Sys).WriteAsync(
            ("container-c1", Created("c1", "web", T)),
            ("container-c1", new Removed(T.AddSeconds(1))),
            ("container-c2", Created("c2", "web", T.AddSeconds(2))),
            ("container-c2", new Removed(T.AddSeconds(3))),
            ("container-c3", Created("c3", "old", T.AddSeconds(4))),
            ("container-c3", new Renamed("old", "new", T.AddSeconds(5))));
        var reader = ContainerHistoryReader.For(Sys);

        Assert.Equal(new ContainerJournalLookup.Found("c2"), reader.Find("web"));
        Assert.Equal(new ContainerJournalLookup.Found("c3"), reader.Find("new"));
        Assert.IsType<ContainerJournalLookup.Missing>(reader.Find("old"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
