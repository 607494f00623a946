namespace Berth.Actors.Lifecycle;

/// <summary>
/// A container's status, Docker's <c>State.Status</c> words plus <see cref="Removed"/>, the terminal
/// state after which the container no longer exists. Closed: the transition table covers every value.
/// </summary>
public enum ContainerStatus
{
    Created,
    Running,
    Paused,
    Restarting,
    Exited,
    Removing,
    Dead,
    Removed,
}
