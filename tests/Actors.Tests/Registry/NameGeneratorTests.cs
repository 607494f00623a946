using Berth.Actors.Registry;

namespace Berth.Actors.Tests.Registry;

/// <summary>Checks that generated names look like Docker's and honour its exclusions.</summary>
public sealed class NameGeneratorTests
{
    [Fact]
    public void First_attempt_names_are_an_adjective_and_a_surname_joined_by_an_underscore()
    {
        var generator = new NameGenerator(new Random(1234));

        for (var i = 0; i < 5_000; i++)
        {
            var name = generator.Generate(0);

            Assert.Matches("^[a-z]+_[a-z]+$", name);
            var parts = name.Split('_');
            Assert.Contains(parts[0], NameWords.Adjectives);
            Assert.Contains(parts[1], NameWords.Surnames);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Retried_names_end_in_a_single_digit(int retry)
    {
        var generator = new NameGenerator(new Random(5678));

        for (var i = 0; i < 2_000; i++)
        {
            var name = generator.Generate(retry);

            Assert.Matches("^[a-z]+_[a-z]+[0-9]$", name);
        }
    }

    [Fact]
    public void Retries_can_produce_every_digit_suffix()
    {
        var generator = new NameGenerator(new Random(42));

        var suffixes = Enumerable.Range(0, 2_000).Select(_ => generator.Generate(1)[^1]).ToHashSet();

        Assert.Equal("0123456789", string.Concat(suffixes.Order()));
    }

    [Fact]
    public void Boring_wozniak_is_skipped_and_the_next_pair_is_used_instead()
    {
        var rigged = new ScriptedRandom(
            NameWords.Adjectives.IndexOf("boring"),
            NameWords.Surnames.IndexOf("wozniak"),
            0,
            0);
        var generator = new NameGenerator(rigged);

        var name = generator.Generate(0);

        Assert.NotEqual("boring_wozniak", name);
        Assert.Equal($"{NameWords.Adjectives[0]}_{NameWords.Surnames[0]}", name);
        Assert.Equal(0, rigged.Remaining);
    }

    [Fact]
    public void Boring_wozniak_is_skipped_on_retries_too_and_still_gets_a_digit()
    {
        var rigged = new ScriptedRandom(
            NameWords.Adjectives.IndexOf("boring"),
            NameWords.Surnames.IndexOf("wozniak"),
            NameWords.Adjectives.IndexOf("boring"),
            0,
            7);
        var generator = new NameGenerator(rigged);

        var name = generator.Generate(3);

        Assert.Equal($"boring_{NameWords.Surnames[0]}7", name);
        Assert.Equal(0, rigged.Remaining);
    }

    [Fact]
    public void Boring_wozniak_is_never_produced_over_many_draws()
    {
        var generator = new NameGenerator(new Random(99));

        for (var i = 0; i < 200_000; i++)
        {
            Assert.NotEqual("boring_wozniak", generator.Generate(0));
        }
    }

    [Fact]
    public void A_negative_retry_count_is_rejected()
    {
        var generator = new NameGenerator(new Random(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1));
    }

    [Fact]
    public void Both_word_lists_hold_at_least_a_hundred_distinct_lowercase_ascii_words()
    {
        foreach (var list in new[] { NameWords.Adjectives, NameWords.Surnames })
        {
            Assert.True(list.Distinct(StringComparer.Ordinal).Count() >= 100);
            Assert.Equal(list.Length, list.Distinct(StringComparer.Ordinal).Count());
            Assert.All(list, word => Assert.Matches("^[a-z]+$", word));
        }
    }

    [Fact]
    public void The_word_lists_contain_both_halves_of_the_excluded_name()
    {
        Assert.Contains("boring", NameWords.Adjectives);
        Assert.Contains("wozniak", NameWords.Surnames);
    }

    [Fact]
    public void Every_possible_generated_name_is_a_valid_container_name()
    {
        foreach (var adjective in NameWords.Adjectives)
        {
            foreach (var surname in NameWords.Surnames)
            {
                Assert.True(ContainerNameRules.IsValid($"{adjective}_{surname}9"));
            }
        }
    }

    /// <summary>A <see cref="Random"/> that replays a fixed script of <c>Next(int)</c> results.</summary>
    private sealed class ScriptedRandom(params int[] values) : Random
    {
        private readonly Queue<int> _values = new(values);

        public int Remaining => _values.Count;

        public override int Next(int maxValue)
        {
            var value = _values.Dequeue();
            Assert.InRange(value, 0, maxValue - 1);
            return value;
        }
    }
}
