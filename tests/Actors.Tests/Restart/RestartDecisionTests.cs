using Berth.Actors.Restart;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Restart;

public sealed class RestartDecisionTests
{
    private static readonly TimeSpan ShortRun = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    private static RestartPolicy Policy(string text) =>
        RestartPolicy.TryParse(text, out var policy) ? policy : throw new ArgumentException($"bad policy {text}");

    private static TimeSpan? AfterExit(
        string policy, int exitCode, bool endedByUser = false, bool manuallyStopped = false, int restartCount = 0,
        TimeSpan previousDelay = default, TimeSpan? lastRun = null) =>
        RestartDecision.AfterExit(Policy(policy), exitCode, endedByUser, manuallyStopped, restartCount,
            previousDelay, lastRun ?? ShortRun, RestartBackoff.Docker);

    [Theory]
    [InlineData("no", 0)]
    [InlineData("no", 1)]
    [InlineData("", 1)]
    [InlineData("on-failure", 0)]
    [InlineData("on-failure:3", 0)]
    public void A_policy_that_does_not_want_this_exit_restarts_nothing(string policy, int exitCode)
    {
        Assert.Null(AfterExit(policy, exitCode));
    }

    [Theory]
    [InlineData("always", 0)]
    [InlineData("always", 1)]
    [InlineData("always", 137)]
    [InlineData("unless-stopped", 0)]
    [InlineData("unless-stopped", 2)]
    [InlineData("on-failure", 1)]
    [InlineData("on-failure", 255)]
    [InlineData("on-failure:2", 1)]
    public void A_policy_that_wants_this_exit_restarts_after_the_first_backoff_delay(string policy, int exitCode)
    {
        Assert.Equal(First, AfterExit(policy, exitCode));
    }

    [Theory]
    [InlineData("always")]
    [InlineData("unless-stopped")]
    [InlineData("on-failure")]
    [InlineData("on-failure:5")]
    public void A_run_ended_by_the_user_is_never_restarted(string policy)
    {
        Assert.Null(AfterExit(policy, exitCode: 137, endedByUser: true));
    }

    [Fact]
    public void Unless_stopped_is_not_restarted_once_the_user_has_manually_stopped_it()
    {
        Assert.Null(AfterExit("unless-stopped", exitCode: 0, manuallyStopped: true));
        Assert.Null(AfterExit("unless-stopped", exitCode: 1, manuallyStopped: true));
    }

    [Theory]
    [InlineData("always", 0)]
    [InlineData("on-failure", 1)]
    public void Always_and_on_failure_ignore_an_earlier_non_ending_user_signal(string policy, int exitCode)
    {
        Assert.Equal(First, AfterExit(policy, exitCode, manuallyStopped: true));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void On_failure_with_a_maximum_restarts_only_while_the_count_is_below_it(int restartCount, bool restarts)
    {
        var delay = AfterExit("on-failure:2", exitCode: 1, restartCount: restartCount);

        Assert.Equal(restarts, delay is not null);
    }

    [Fact]
    public void On_failure_without_a_maximum_restarts_for_ever()
    {
        Assert.NotNull(AfterExit("on-failure", exitCode: 1, restartCount: 10_000));
    }

    [Theory]
    [InlineData("always", 0)]
    [InlineData("unless-stopped", 0)]
    public void Always_and_unless_stopped_ignore_the_restart_count(string policy, int exitCode)
    {
        Assert.NotNull(AfterExit(policy, exitCode, restartCount: 10_000));
    }

    [Fact]
    public void The_delay_doubles_the_previous_one()
    {
        var delay = AfterExit("always", 0, previousDelay: TimeSpan.FromMilliseconds(400));

        Assert.Equal(TimeSpan.FromMilliseconds(800), delay);
    }

    [Fact]
    public void The_delay_resets_after_a_run_of_ten_seconds()
    {
        var delay = AfterExit("on-failure", 1, previousDelay: TimeSpan.FromSeconds(30), lastRun: TimeSpan.FromSeconds(10));

        Assert.Equal(First, delay);
    }

    [Theory]
    [InlineData("always", 0, false, 0, true)]
    [InlineData("always", 1, false, 0, true)]
    [InlineData("always", 143, true, 0, true)] // Docker starts an `always` container at daemon start even after a user stop.
    [InlineData("unless-stopped", 0, false, 0, true)]
    [InlineData("unless-stopped", 1, false, 0, true)]
    [InlineData("unless-stopped", 143, true, 0, false)]
    [InlineData("on-failure", 1, false, 0, true)]
    [InlineData("on-failure", 137, true, 0, true)]
    [InlineData("on-failure", 0, false, 0, false)]
    [InlineData("on-failure:2", 1, false, 1, true)]
    [InlineData("on-failure:2", 1, false, 2, false)]
    [InlineData("no", 1, false, 0, false)]
    [InlineData("no", 0, false, 0, false)]
    [InlineData("", 1, false, 0, false)]
    public void At_daemon_start_the_policy_decides_whether_an_exited_container_starts_again(
        string policy, int exitCode, bool manuallyStopped, int restartCount, bool starts)
    {
        var decision = RestartDecision.AtDaemonStart(Policy(policy), exitCode, manuallyStopped, restartCount);

        Assert.Equal(starts, decision);
    }
}
