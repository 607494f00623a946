using Berth.Actors.Lifecycle;

namespace Berth.Actors.Containers;

/// <summary>
/// Which status takes an attach, a resize or an exec, with Docker's refusals word for word (moby
/// daemon/exec.go getActiveContainer, resize.go). Rules about one exec instance (unknown, already
/// run) are the container actor's, which holds the instances.
/// </summary>
public static class ExecRules
{
    public static Rejected? Check(IContainerCommand command, ContainerState state) => command switch
    {
        AttachContainer => state.Status is ContainerStatus.Removing or ContainerStatus.Dead
            ? new Rejected(ErrorKind.Conflict, $"container {state.Id} is marked for removal")
            : null,
        ResizeContainer => state.Status is ContainerStatus.Running or ContainerStatus.Paused ? null : NotRunning(state),
        CreateExec or StartExec => state.Status switch
        {
            ContainerStatus.Running => null,
            ContainerStatus.Paused => new Rejected(ErrorKind.Conflict, $"Container {state.Id} is paused, unpause the container before exec"),
            ContainerStatus.Restarting => new Rejected(ErrorKind.Conflict, $"Container {state.Id} is restarting, wait until the container is running"),
            _ => NotRunning(state),
        },
        _ => null,
    };

    private static Rejected NotRunning(ContainerState state) => new(ErrorKind.Conflict, $"container {state.Id} is not running");
}
