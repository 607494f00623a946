using System.Collections.Immutable;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Berth.Journal.Events;
using Berth.Journal.Query;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Query;

/// <summary>The read side the event feed and <c>berth history</c> use, over a real journal file.</summary>
public sealed class ContainerEventQueriesTests : TestKit
{
    private static readonly DateTimeOffset T = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly TempJournal _journal;

    public ContainerEventQueriesTests() : this(new TempJournal()) { }

    private ContainerEventQueriesTests(TempJournal journal) : base(journal.Setup, "container-queries") => _journal = journal;

    private static readonly (string PersistenceId, IJournaled Fact)[] History =
    [
        ("registry", new NameReserved("a", "alpha", T)),
        ("container-a", new StartRequested(false, T.AddSeconds(1))),
        ("container-b", new StartRequested(true, T.AddSeconds(2))),
        ("container-a", new TaskStarted(100, 5000, 99, T.AddSeconds(3))),
        ("registry", new NameReleased("b", "beta", T.AddSeconds(4))),
        ("container-b", new Exited(0, false, false, T.AddSeconds(5))),
        ("container-a", new Paused(T.AddSeconds(6))),
    ];

    [Fact]
    public async Task Since_zero_is_every_containers_facts_in_journal_order_with_their_ids()
    {
        await new JournalWriter(Sys).WriteAsync(History);

        var all = await Run(ContainerEventQueries.For(Sys).Since(0));

        Assert.Equal(["a", "b", "a", "b", "a"], all.Select(e => e.ContainerId));
        Assert.Equal(History.Where(h => h.Fact is IContainerEvent).Select(h => h.Fact), all.Select(e => (object)e.Event));
        Assert.Equal([1L, 1, 2, 2, 3], all.Select(e => e.SequenceNr));
        Assert.Equal(all.Select(e => e.Offset).Order(), all.Select(e => e.Offset));
    }

    [Fact]
    public async Task Since_an_offset_starts_right_after_that_fact()
    {
        await new JournalWriter(Sys).WriteAsync(History);
        var queries = ContainerEventQueries.For(Sys);
        var all = await Run(queries.Since(0));

        var rest = await Run(queries.Since(all[1].Offset));
        var none = await Run(queries.Since(all[^1].Offset));

        Assert.Equal(all.Skip(2), rest);
        Assert.Empty(none);
    }

    [Fact]
    public async Task History_is_one_containers_facts_from_its_first()
    {
        await new JournalWriter(Sys).WriteAsync(History);

        var a = await Run(ContainerEventQueries.For(Sys).History("a"));

        Assert.Equal([typeof(StartRequested), typeof(TaskStarted), typeof(Paused)], a.Select(e => e.Event.GetType()));
        Assert.Equal([1L, 2, 3], a.Select(e => e.SequenceNr));
        Assert.All(a, e => Assert.Equal("a", e.ContainerId));
    }

    [Fact]
    public async Task History_of_an_unknown_container_is_empty()
    {
        await new JournalWriter(Sys).WriteAsync(History);

        Assert.Empty(await Run(ContainerEventQueries.For(Sys).History("nope")));
    }

    [Fact]
    public async Task History_offsets_are_the_same_journal_offsets_the_feed_hands_out()
    {
        await new JournalWriter(Sys).WriteAsync(History);
        var queries = ContainerEventQueries.For(Sys);

        var feed = await Run(queries.Since(0));
        var b = await Run(queries.History("b"));

        Assert.Equal(feed.Where(e => e.ContainerId == "b"), b);
    }

    [Fact]
    public async Task Follow_hands_out_the_past_then_each_new_fact_as_it_is_journaled()
    {
        var writer = new JournalWriter(Sys);
        await writer.WriteAsync(History);
        var probe = CreateTestProbe();
        var stop = ContainerEventQueries.For(Sys).Follow(0)
            .ViaMaterialized(KillSwitches.Single<ContainerEventEnvelope>(), Keep.Right)
            .To(Sink.ActorRef<ContainerEventEnvelope>(probe.Ref, "completed", ex => ex))
            .Run(Sys.Materializer());

        var past = Enumerable.Range(0, 5).Select(_ => probe.ExpectMsg<ContainerEventEnvelope>(Patience.Journal)).ToList();
        await writer.WriteAsync(("container-c", new Removed(T.AddSeconds(9))));
        var next = probe.ExpectMsg<ContainerEventEnvelope>(Patience.Journal);
        stop.Shutdown();

        Assert.Equal(["a", "b", "a", "b", "a"], past.Select(e => e.ContainerId));
        Assert.Equal(("c", 1L, (IContainerEvent)new Removed(T.AddSeconds(9))), (next.ContainerId, next.SequenceNr, next.Event));
        Assert.True(next.Offset > past[^1].Offset);
    }

    [Fact]
    public void A_negative_offset_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContainerEventQueries.For(Sys).Since(-1));
    }

    [Fact]
    public void A_containers_persistence_id_is_its_id_behind_the_prefix()
    {
        Assert.Equal("container-4f9c2b1e", ContainerEventQueries.PersistenceIdOf("4f9c2b1e"));
    }

    private Task<IImmutableList<ContainerEventEnvelope>> Run(Source<ContainerEventEnvelope, Akka.NotUsed> source) =>
        source.RunWith(Sink.Seq<ContainerEventEnvelope>(), Sys.Materializer());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _journal.Dispose();
    }
}
