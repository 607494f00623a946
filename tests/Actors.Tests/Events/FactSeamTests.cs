using Berth.Actors.Events;

namespace Berth.Actors.Tests.Events;

/// <summary>The join of a journal catch-up and the live feed: every fact once, in order.</summary>
public sealed class FactSeamTests
{
    [Fact]
    public void Live_facts_wait_while_catching_up_and_only_those_the_journal_missed_are_released()
    {
        var seam = new FactSeam<string>(catchingUp: true);

        // Live: a3 (also in the journal read), b1 (also), a4 and b2 (journaled after the read).
        Assert.Empty(seam.Live("a", 3, "a3"));
        Assert.Empty(seam.Live("b", 1, "b1"));
        Assert.Empty(seam.Live("a", 4, "a4"));
        Assert.Empty(seam.Live("b", 2, "b2"));
        var fromJournal = new[] { ("a", 1L), ("a", 2L), ("b", 1L), ("a", 3L) }.Where(f => seam.FromJournal(f.Item1, f.Item2)).ToList();
        var released = seam.EndCatchUp();

        Assert.Equal(4, fromJournal.Count);
        Assert.Equal(["a4", "b2"], released);
        Assert.False(seam.CatchingUp);
    }

    [Fact]
    public void After_the_catch_up_a_live_fact_is_delivered_once()
    {
        var seam = new FactSeam<string>(catchingUp: true);
        seam.FromJournal("a", 1);
        seam.EndCatchUp();

        Assert.Empty(seam.Live("a", 1, "a1 again"));
        Assert.Equal(["a2"], seam.Live("a", 2, "a2"));
        Assert.Empty(seam.Live("a", 2, "a2 again"));
    }

    [Fact]
    public void A_live_only_reader_gets_every_live_fact_at_once()
    {
        var seam = new FactSeam<string>(catchingUp: false);

        Assert.Equal(["x1"], seam.Live("x", 1, "x1"));
        Assert.Equal(["y7"], seam.Live("y", 7, "y7"));
        Assert.Empty(seam.EndCatchUp());
    }

    [Fact]
    public void A_journal_fact_already_read_is_not_new()
    {
        var seam = new FactSeam<string>(catchingUp: true);

        Assert.True(seam.FromJournal("a", 1));
        Assert.False(seam.FromJournal("a", 1));
        Assert.True(seam.FromJournal("a", 2));
    }
}
