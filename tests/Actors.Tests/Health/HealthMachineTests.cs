using Berth.Actors.Health;

namespace Berth.Actors.Tests.Health;

/// <summary>Docker's handleProbeResult, one probe at a time.</summary>
public sealed class HealthMachineTests
{
    [Fact]
    public void A_success_makes_any_status_healthy_and_clears_the_streak()
    {
        Assert.Equal(new HealthMachine("healthy", 0), HealthMachine.Starting.After(0, withinStartPeriod: true, retries: 3));
        Assert.Equal(new HealthMachine("healthy", 0), new HealthMachine("unhealthy", 7).After(0, false, 3));
    }

    [Fact]
    public void Failures_count_up_and_the_retries_th_in_a_row_makes_it_unhealthy()
    {
        var once = HealthMachine.Starting.After(1, false, 3);
        var twice = once.After(1, false, 3);
        var thrice = twice.After(-1, false, 3);

        Assert.Equal(new HealthMachine("starting", 1), once);
        Assert.Equal(new HealthMachine("starting", 2), twice);
        Assert.Equal(new HealthMachine("unhealthy", 3), thrice);
        Assert.Equal(new HealthMachine("unhealthy", 4), thrice.After(1, false, 3));
    }

    [Fact]
    public void A_healthy_container_stays_healthy_until_retries_failures()
    {
        var healthy = new HealthMachine("healthy", 0);

        Assert.Equal(new HealthMachine("healthy", 1), healthy.After(1, false, 2));
        Assert.Equal(new HealthMachine("unhealthy", 2), healthy.After(1, false, 2).After(1, false, 2));
    }

    [Fact]
    public void A_failure_in_the_start_period_does_not_count_while_starting_but_does_once_healthy()
    {
        Assert.Equal(HealthMachine.Starting, HealthMachine.Starting.After(1, withinStartPeriod: true, retries: 1));
        Assert.Equal(new HealthMachine("unhealthy", 1), new HealthMachine("healthy", 0).After(1, withinStartPeriod: true, retries: 1));
    }

    [Fact]
    public void The_plan_fills_dockers_defaults_and_builds_the_command()
    {
        var shell = HealthPlan.From(new Journal.Model.HealthConfig { Test = ["CMD-SHELL", "test -f /tmp/ok"] })!;
        var exec = HealthPlan.From(new Journal.Model.HealthConfig { Test = ["CMD", "true", "x"], Interval = 200_000_000, Retries = 2 })!;

        Assert.Equal(["/bin/sh", "-c", "test -f /tmp/ok"], shell.Args);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromSeconds(5), 3),
            (shell.Interval, shell.Timeout, shell.StartPeriod, shell.StartInterval, shell.Retries));
        Assert.Equal(["true", "x"], exec.Args);
        Assert.Equal((TimeSpan.FromMilliseconds(200), 2), (exec.Interval, exec.Retries));
        Assert.Null(HealthPlan.From(new Journal.Model.HealthConfig { Test = ["NONE"] }));
        Assert.Null(HealthPlan.From(new Journal.Model.HealthConfig { Test = [] }));
        Assert.Null(HealthPlan.From(null));
    }

    [Theory]
    [InlineData(200, "200ms")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Durations_print_as_go_prints_them(int ms, string text) =>
        Assert.Equal(text, GoDurationText.Format(TimeSpan.FromMilliseconds(ms)));
}
