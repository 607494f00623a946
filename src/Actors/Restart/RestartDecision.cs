using Berth.Journal.Model;

namespace Berth.Actors.Restart;

/// <summary>
/// Decides, from a container's restart policy, whether it is restarted, the way Docker's restart
/// manager does. Pure: the container actor journals what it decides.
/// </summary>
public static class RestartDecision
{
    /// <summary>
    /// After the task exited: restart, and after which delay? Null = no restart. A run ended by a
    /// user's stop or kill is never restarted; a user's earlier non-fatal signal still keeps
    /// <c>unless-stopped</c> from restarting (Docker's HasBeenManuallyStopped).
    /// </summary>
    public static TimeSpan? AfterExit(
        RestartPolicy policy, int exitCode, bool endedByUser, bool manuallyStopped, int restartCount,
        TimeSpan previousDelay, TimeSpan lastRun, RestartBackoff backoff)
    {
        if (policy.IsNone || endedByUser) return null;
        return Wants(policy, exitCode, manuallyStopped, restartCount)
            ? backoff.NextDelay(previousDelay, lastRun)
            : null;
    }

    /// <summary>
    /// At daemon start, for a container found exited: does its policy start it again? As in Docker,
    /// <c>always</c> does even after a user stop; <c>unless-stopped</c> only if nobody stopped it.
    /// </summary>
    public static bool AtDaemonStart(RestartPolicy policy, int exitCode, bool manuallyStopped, int restartCount) =>
        !policy.IsNone && Wants(policy, exitCode, manuallyStopped, restartCount);

    private static bool Wants(RestartPolicy policy, int exitCode, bool manuallyStopped, int restartCount) =>
        policy.IsAlways
        || policy.IsUnlessStopped && !manuallyStopped
        || policy.IsOnFailure && exitCode != 0
            && (policy.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount);
}
