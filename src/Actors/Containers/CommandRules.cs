using Berth.Actors.Lifecycle;

namespace Berth.Actors.Containers;

/// <summary>
/// Which command a container accepts in which status, with Docker's refusals word for word
/// (seed 003 validateState; the Engine API). Pure: the container actor asks before it acts.
/// </summary>
public static class CommandRules
{
    public static Rejected? Check(IContainerCommand command, ContainerState state) => command switch
    {
        StartContainer => CheckStart(state),
        StopContainer => state.Status switch
        {
            ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting => null,
            _ => new Rejected(ErrorKind.NotModified, "container already stopped"),
        },
        KillContainer => state.Status switch
        {
            // Docker accepts a kill of a restarting container: it calls the restart off.
            ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting => null,
            _ => NotRunning(state),
        },
        RestartContainer => state.Status is ContainerStatus.Removing or ContainerStatus.Dead ? MarkedForRemoval(state) : null,
        PauseContainer => state.Status switch
        {
            ContainerStatus.Running => null,
            ContainerStatus.Paused => new Rejected(ErrorKind.Conflict, $"container {state.Id} is already paused"),
            ContainerStatus.Restarting => IsRestarting(state),
            _ => NotRunning(state),
        },
        UnpauseContainer => state.Status == ContainerStatus.Paused
            ? null
            : new Rejected(ErrorKind.Conflict, $"container {state.Id} is not paused"),
        RemoveContainer remove => CheckRemove(remove, state),
        UpdateContainer => state.Status is ContainerStatus.Removing or ContainerStatus.Dead
            ? new Rejected(ErrorKind.Conflict, $"Cannot update container {state.Id}: container is marked for removal and cannot be \"update\"")
            : null,
        AttachContainer or ResizeContainer or CreateExec or StartExec or InspectExec or WaitExec or ResizeExec => ExecRules.Check(command, state),
        RenameContainer or WaitContainer or InspectContainer or ReleaseRootfs => null,
        AcquireRootfs => state.Status is ContainerStatus.Removing or ContainerStatus.Dead
            ? new Rejected(ErrorKind.Conflict, $"container {state.Id} is marked for removal and cannot be accessed")
            : null,
        ConnectContainer or DisconnectContainer => NetworkCommandRules.Check(command, state),
        _ => new Rejected(ErrorKind.InvalidParameter, $"unknown command {command.GetType().Name}"),
    };

    private static Rejected? CheckStart(ContainerState state) => state.Status switch
    {
        ContainerStatus.Paused => new Rejected(ErrorKind.Conflict, "cannot start a paused container, try unpause instead"),
        ContainerStatus.Running or ContainerStatus.Restarting => new Rejected(ErrorKind.NotModified, "container already started"),
        ContainerStatus.Removing or ContainerStatus.Dead => MarkedForRemoval(state),
        _ => null,
    };

    private static Rejected? CheckRemove(RemoveContainer remove, ContainerState state) => state.Status switch
    {
        // Docker names the container as the client did (daemon/delete.go), not by its own name.
        ContainerStatus.Removing => new Rejected(ErrorKind.Conflict, $"removal of container {remove.Reference ?? state.Name} is already in progress"),
        ContainerStatus.Paused when !remove.Force =>
            new Rejected(ErrorKind.Conflict, $"cannot remove container \"/{state.Name}\": container is paused and must be unpaused first"),
        ContainerStatus.Running or ContainerStatus.Restarting when !remove.Force =>
            new Rejected(ErrorKind.Conflict,
                $"cannot remove container \"/{state.Name}\": container is {StatusWord(state.Status)}: stop the container before removing or force remove"),
        _ => null,
    };

    private static Rejected NotRunning(ContainerState state) =>
        new(ErrorKind.Conflict, $"container {state.Id} is not running");

    private static Rejected IsRestarting(ContainerState state) =>
        new(ErrorKind.Conflict, $"container {state.Id} is restarting, wait until the container is running");

    private static Rejected MarkedForRemoval(ContainerState state) =>
        new(ErrorKind.Conflict, "container is marked for removal and cannot be started");

    /// <summary>Docker's lower-case status word (<c>State.Status</c>).</summary>
    public static string StatusWord(ContainerStatus status) => status.ToString().ToLowerInvariant();
}
