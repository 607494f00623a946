using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Tagging;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>
/// The plugin's read side on berth's journal: the "container" tag streams every container's facts in
/// journal order, the registry's untagged facts stay out of it, and nothing CLR-specific is stored.
/// </summary>
public sealed class EventsByTagTests : TestKit
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly TempJournal _journal;

    public EventsByTagTests() : this(new TempJournal()) { }

    private EventsByTagTests(TempJournal journal) : base(journal.Setup, "events-by-tag") => _journal = journal;

    /// <summary>Three containers and the registry, interleaved; the container facts in the order written.</summary>
    private static readonly (string PersistenceId, IJournaled Fact)[] History =
    [
        ("registry", new NameReserved("a", "alpha", T)),
        ("container-a", new StartRequested(false, T.AddSeconds(1))),
        ("container-b", new StartRequested(false, T.AddSeconds(2))),
        ("registry", new NameReserved("c", "gamma", T.AddSeconds(3))),
        ("container-a", new TaskStarted(100, 5000, 99, T.AddSeconds(4))),
        ("container-c", new Paused(T.AddSeconds(5))),
        ("container-b", new Exited(1, false, false, T.AddSeconds(6))),
        ("registry", new NameReleased("b", "beta", T.AddSeconds(7))),
        ("container-a", new Removed(T.AddSeconds(8))),
    ];

    [Fact]
    public async Task Current_events_by_the_container_tag_are_every_containers_facts_in_journal_order()
    {
        await new JournalWriter(Sys).WriteAsync(History);
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");

        var envelopes = await journal.CurrentEventsByTag(ContainerEventTagger.Tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());

        var expected = History.Where(h => h.Fact is IContainerEvent).ToList();
        Assert.Equal(expected.Select(h => h.PersistenceId), envelopes.Select(e => e.PersistenceId));
        Assert.Equal(expected.Select(h => h.Fact), envelopes.Select(e => e.Event));
        Assert.Equal([1L, 1, 2, 1, 2, 3], envelopes.Select(e => e.SequenceNr));
        var offsets = envelopes.Select(e => Assert.IsType<Sequence>(e.Offset).Value).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.All(envelopes, e => Assert.Contains(ContainerEventTagger.Tag, e.Tags));
    }

    [Fact]
    public async Task Untagged_registry_facts_are_journaled_but_not_in_the_container_stream()
    {
        await new JournalWriter(Sys).WriteAsync(History);
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

        var tagged = await journal.CurrentEventsByTag(ContainerEventTagger.Tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());
        var registry = await journal.CurrentEventsByPersistenceId("registry", 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());

        Assert.DoesNotContain(tagged, e => e.PersistenceId == "registry" || e.Event is IRegistryEvent);
        Assert.Equal(3, registry.Count);
        Assert.All(registry, e => Assert.Empty(e.Tags));
    }

    [Fact]
    public async Task A_sequence_offset_resumes_right_after_that_fact()
    {
        await new JournalWriter(Sys).WriteAsync(History);
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var all = await journal.CurrentEventsByTag(ContainerEventTagger.Tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());

        var rest = await journal.CurrentEventsByTag(ContainerEventTagger.Tag, all[2].Offset)
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());

        Assert.Equal(all.Skip(3).Select(e => e.Offset), rest.Select(e => e.Offset));
    }

    [Fact]
    public async Task The_journal_stores_berths_manifests_and_serializer_id_and_no_clr_names()
    {
        await new JournalWriter(Sys).WriteAsync(History);

        var manifests = _journal.Column("SELECT DISTINCT manifest FROM journal ORDER BY manifest");
        var identifiers = _journal.Column("SELECT DISTINCT CAST(identifier AS TEXT) FROM journal");
        var clrNames = _journal.Scalar(
            "SELECT count(*) FROM journal WHERE instr(CAST(message AS TEXT), 'Berth.') > 0 OR instr(manifest, '.') > 0");

        Assert.Equal(["exited/1", "name-released/1", "name-reserved/1", "paused/1", "removed/1", "start-requested/1", "task-started/1"], manifests);
        Assert.Equal(["4117"], identifiers);
        Assert.Equal(0L, clrNames);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
