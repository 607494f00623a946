using Berth.Actors.Restart;

namespace Berth.Actors.Tests.Restart;

public sealed class RestartBackoffTests
{
    private static readonly RestartBackoff Backoff = RestartBackoff.Docker;
    private static readonly TimeSpan ShortRun = TimeSpan.FromSeconds(1);

    [Fact]
    public void Docker_backoff_starts_at_100_ms_caps_at_one_minute_and_resets_after_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Backoff.Initial);
        Assert.Equal(TimeSpan.FromMinutes(1), Backoff.Max);
        Assert.Equal(TimeSpan.FromSeconds(10), Backoff.ResetAfter);
    }

    [Fact]
    public void The_first_delay_is_100_ms()
    {
        var delay = Backoff.NextDelay(TimeSpan.Zero, ShortRun);

        Assert.Equal(TimeSpan.FromMilliseconds(100), delay);
    }

    [Fact]
    public void Each_delay_doubles_the_previous_one_up_to_one_minute()
    {
        var delays = new List<long>();
        var previous = TimeSpan.Zero;

        for (var i = 0; i < 13; i++)
        {
            previous = Backoff.NextDelay(previous, ShortRun);
            delays.Add((long)previous.TotalMilliseconds);
        }

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000, 60000], delays);
    }

    [Fact]
    public void A_delay_just_under_the_cap_doubles_to_the_cap_and_not_beyond()
    {
        var delay = Backoff.NextDelay(TimeSpan.FromSeconds(59), ShortRun);

        Assert.Equal(TimeSpan.FromMinutes(1), delay);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(10_001)]
    [InlineData(3_600_000)]
    public void A_run_of_at_least_ten_seconds_resets_the_delay_to_100_ms(int runMs)
    {
        var delay = Backoff.NextDelay(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(runMs));

        Assert.Equal(TimeSpan.FromMilliseconds(100), delay);
    }

    [Fact]
    public void A_run_just_under_ten_seconds_keeps_doubling()
    {
        var delay = Backoff.NextDelay(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(9_999));

        Assert.Equal(TimeSpan.FromMilliseconds(1600), delay);
    }

    [Fact]
    public void A_custom_backoff_follows_its_own_bounds()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));

        var first = backoff.NextDelay(TimeSpan.Zero, TimeSpan.Zero);
        var second = backoff.NextDelay(first, TimeSpan.Zero);
        var capped = backoff.NextDelay(second, TimeSpan.Zero);
        var reset = backoff.NextDelay(capped, TimeSpan.FromSeconds(5));

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)],
            [first, second, capped, reset]);
    }
}
