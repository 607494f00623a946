using System.Text.RegularExpressions;
using Berth.Actors.Registry;

namespace Berth.Actors.Tests.Registry;

/// <summary>Checks that container ids look and behave like Docker's.</summary>
public sealed class ContainerIdGeneratorTests
{
    [Fact]
    public void Generated_ids_are_64_lowercase_hex_characters_and_unique_over_ten_thousand_draws()
    {
        var generator = new ContainerIdGenerator();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 10_000; i++)
        {
            var id = generator.NewId();

            Assert.Matches("^[0-9a-f]{64}$", id);
            Assert.True(ContainerIdGenerator.IsFullId(id));
            Assert.True(seen.Add(id), $"duplicate id {id}");
        }
    }

    [Fact]
    public void Generated_ids_never_have_an_all_digit_short_prefix()
    {
        var generator = new ContainerIdGenerator();

        for (var i = 0; i < 100_000; i++)
        {
            var shortId = ContainerIdGenerator.ShortId(generator.NewId());

            Assert.False(shortId.All(char.IsAsciiDigit), $"all-digit short id {shortId}");
        }
    }

    [Fact]
    public void A_draw_with_an_all_digit_short_prefix_is_discarded_and_redrawn()
    {
        // 0x12 0x34 0x56 0x78 0x90 0x12 renders as "123456789012": twelve digits.
        var allDigitDraw = Enumerable.Repeat((byte)0x12, 32).ToArray();
        allDigitDraw[1] = 0x34;
        allDigitDraw[2] = 0x56;
        allDigitDraw[3] = 0x78;
        allDigitDraw[4] = 0x90;
        var goodDraw = Enumerable.Repeat((byte)0xab, 32).ToArray();
        var draws = new Queue<byte[]>([allDigitDraw, goodDraw]);
        var calls = 0;
        var generator = new ContainerIdGenerator(span =>
        {
            calls++;
            draws.Dequeue().CopyTo(span);
        });

        var id = generator.NewId();

        Assert.Equal(2, calls);
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 32)), id);
    }

    [Fact]
    public void A_short_prefix_with_a_single_letter_is_accepted_on_the_first_draw()
    {
        // "12345678901a": one hex letter is enough to stop it parsing as a number.
        var draw = new byte[32];
        new byte[] { 0x12, 0x34, 0x56, 0x78, 0x90, 0x1a }.CopyTo(draw, 0);
        var calls = 0;
        var generator = new ContainerIdGenerator(span =>
        {
            calls++;
            draw.CopyTo(span);
        });

        var id = generator.NewId();

        Assert.Equal(1, calls);
        Assert.Equal("12345678901a", ContainerIdGenerator.ShortId(id));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789ab")]
    [InlineData("0123456789ab", "0123456789ab")]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    public void Short_id_is_the_first_twelve_characters_or_the_whole_string_when_shorter(string id, string expected)
    {
        var shortId = ContainerIdGenerator.ShortId(id);

        Assert.Equal(expected, shortId);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", false)]
    [InlineData("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789ab", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_64_lowercase_hex_characters_count_as_a_full_id(string? candidate, bool expected)
    {
        var isFull = ContainerIdGenerator.IsFullId(candidate);

        Assert.Equal(expected, isFull);
    }
}
