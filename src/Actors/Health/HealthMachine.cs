namespace Berth.Actors.Health;

/// <summary>
/// The health status after each probe, as Docker's handleProbeResult decides it: a success (exit 0) makes
/// the container healthy and clears the streak; a failure adds to the streak, and <c>Retries</c> of them in
/// a row make it unhealthy. A failure while still starting and within the start period counts for nothing.
/// </summary>
public sealed record HealthMachine(string Status, int FailingStreak)
{
    public static readonly HealthMachine Starting = new(HealthStatus.Starting, 0);

    public HealthMachine After(int exitCode, bool withinStartPeriod, int retries)
    {
        if (exitCode == 0) return new HealthMachine(HealthStatus.Healthy, 0);
        if (Status == HealthStatus.Starting && withinStartPeriod) return this;
        var streak = FailingStreak + 1;
        return new HealthMachine(streak >= retries ? HealthStatus.Unhealthy : Status, streak);
    }
}
