using Berth.Actors.Registry;
using Berth.Journal.Events;

namespace Berth.Actors.Tests.Registry;

/// <summary>The registry's view, pure: reservations, renames, releases and Docker's lookup order.</summary>
public sealed class RegistryStateTests
{
    private const string Web = "abc1230000000000000000000000000000000000000000000000000000000001";
    private const string Db = "abc4560000000000000000000000000000000000000000000000000000000002";
    private const string Cache = "def7890000000000000000000000000000000000000000000000000000000003";
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RegistryState ThreeContainers = RegistryState.Empty
        .Apply(new NameReserved(Web, "web", At))
        .Apply(new NameReserved(Db, "db", At))
        .Apply(new NameReserved(Cache, "cache", At));

    [Theory]
    [InlineData(Web, Web)]
    [InlineData("web", Web)]
    [InlineData("/web", Web)]
    [InlineData("db", Db)]
    [InlineData("abc1", Web)]
    [InlineData("abc4", Db)]
    [InlineData("d", Cache)]
    public void A_full_id_a_name_a_slash_name_or_a_unique_prefix_finds_the_container(string reference, string id)
    {
        var found = ThreeContainers.Find(reference);

        Assert.Equal(new RegistryState.Lookup.Found(id), found);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("abc")]
    public void A_prefix_shared_by_two_ids_is_ambiguous(string reference)
    {
        var found = ThreeContainers.Find(reference);

        Assert.IsType<RegistryState.Lookup.Ambiguous>(found);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("abc9")]
    [InlineData("//web")]
    [InlineData("WEB")]
    public void A_reference_matching_nothing_is_missing(string reference)
    {
        var found = ThreeContainers.Find(reference);

        Assert.IsType<RegistryState.Lookup.Missing>(found);
    }

    [Fact]
    public void An_exact_name_wins_over_an_id_prefix()
    {
        var state = ThreeContainers.Apply(new NameReserved(Cache[..1] + "x", "abc4", At));

        var found = state.Find("abc4");

        Assert.Equal(new RegistryState.Lookup.Found(Cache[..1] + "x"), found);
    }

    [Fact]
    public void A_full_id_wins_over_a_name_equal_to_it()
    {
        var state = RegistryState.Empty
            .Apply(new NameReserved(Web, "web", At))
            .Apply(new NameReserved(Db, Web, At));

        var found = state.Find(Web);

        Assert.Equal(new RegistryState.Lookup.Found(Web), found);
    }

    [Fact]
    public void A_rename_moves_the_name_and_frees_the_old_one()
    {
        var state = ThreeContainers.Apply(new NameChanged(Web, "web", "front", At));

        Assert.Equal(new RegistryState.Lookup.Found(Web), state.Find("front"));
        Assert.IsType<RegistryState.Lookup.Missing>(state.Find("web"));
        Assert.Equal("front", state.NameById[Web]);
        Assert.False(state.IdByName.ContainsKey("web"));
        Assert.Equal(3, state.IdByName.Count);
    }

    [Fact]
    public void A_release_frees_both_the_id_and_the_name()
    {
        var state = ThreeContainers.Apply(new NameReleased(Db, "db", At));

        Assert.IsType<RegistryState.Lookup.Missing>(state.Find("db"));
        Assert.IsType<RegistryState.Lookup.Missing>(state.Find(Db));
        Assert.Equal(new RegistryState.Lookup.Found(Web), state.Find("abc"));
        Assert.Equal(2, state.NameById.Count);
        Assert.Equal(2, state.IdByName.Count);
    }

    [Fact]
    public void Applying_leaves_the_previous_state_untouched()
    {
        var before = ThreeContainers;

        _ = before.Apply(new NameReleased(Web, "web", At));

        Assert.Equal(new RegistryState.Lookup.Found(Web), before.Find("web"));
        Assert.Equal(3, before.NameById.Count);
    }
}
