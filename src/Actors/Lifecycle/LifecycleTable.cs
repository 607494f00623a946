namespace Berth.Actors.Lifecycle;

/// <summary>
/// The one transition table of a container's life: for each status, the statuses it may move to.
/// <see cref="ContainerState.Apply"/> moves only through <see cref="Move"/>, so an event sequence that
/// would take a path not listed here fails loudly instead of producing an impossible state.
/// Staying in the same status is always allowed (facts such as <c>SpecBuilt</c> change no status).
/// </summary>
public static class LifecycleTable
{
    private static readonly Dictionary<ContainerStatus, ContainerStatus[]> Allowed = new()
    {
        [ContainerStatus.Created] = [ContainerStatus.Running, ContainerStatus.Removing],
        [ContainerStatus.Running] = [ContainerStatus.Paused, ContainerStatus.Exited],
        [ContainerStatus.Paused] = [ContainerStatus.Running, ContainerStatus.Exited],
        [ContainerStatus.Restarting] = [ContainerStatus.Running, ContainerStatus.Exited],
        [ContainerStatus.Exited] = [ContainerStatus.Running, ContainerStatus.Restarting, ContainerStatus.Removing],
        [ContainerStatus.Removing] = [ContainerStatus.Removed, ContainerStatus.Dead],
        [ContainerStatus.Dead] = [ContainerStatus.Removing],
        [ContainerStatus.Removed] = [],
    };

    public static bool CanMove(ContainerStatus from, ContainerStatus to) =>
        from == to && from != ContainerStatus.Removed || Allowed[from].Contains(to);

    /// <summary>Returns <paramref name="to"/> when the table allows it, else throws <see cref="InvalidTransitionException"/>.</summary>
    public static ContainerStatus Move(ContainerStatus from, ContainerStatus to) =>
        CanMove(from, to) ? to : throw new InvalidTransitionException(from, to);
}
