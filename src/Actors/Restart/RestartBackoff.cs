namespace Berth.Actors.Restart;

/// <summary>
/// Docker's restart backoff: the first delay is <c>Initial</c>, each next one doubles up to <c>Max</c>,
/// and a run that lasted at least <c>ResetAfter</c> starts the sequence over. Configurable per daemon.
/// </summary>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Max, TimeSpan ResetAfter)
{
    public static readonly RestartBackoff Docker = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10));

    /// <summary>The delay before the next restart, given the previous delay (0 = none yet) and how long the last run lasted.</summary>
    public TimeSpan NextDelay(TimeSpan previous, TimeSpan lastRun)
    {
        if (lastRun >= ResetAfter) previous = TimeSpan.Zero;
        var next = previous == TimeSpan.Zero ? Initial : previous * 2;
        return next > Max ? Max : next;
    }
}
