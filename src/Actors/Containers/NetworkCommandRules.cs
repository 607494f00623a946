using Berth.Actors.Lifecycle;

namespace Berth.Actors.Containers;

/// <summary>Docker's refusals for <c>network connect</c> and <c>disconnect</c> (daemon/container_operations.go).</summary>
public static class NetworkCommandRules
{
    public static Rejected? Check(IContainerCommand command, ContainerState state)
    {
        if (state.Status is ContainerStatus.Removing or ContainerStatus.Dead)
            return new Rejected(ErrorKind.Conflict, $"container {state.Id} is marked for removal");
        if (state.Status == ContainerStatus.Paused)
            return new Rejected(ErrorKind.Conflict, $"container {state.Id} is paused, unpause it first");
        var mode = state.HostConfig.NetworkMode;
        if (mode == "host")
            return new Rejected(ErrorKind.Forbidden, "container cannot be disconnected from host network or connected to host network");
        if (mode == "none")
            return new Rejected(ErrorKind.Forbidden, "container cannot be connected to multiple networks with one of the networks in private (none) mode");
        if (mode?.StartsWith("container:", StringComparison.Ordinal) == true)
            return new Rejected(ErrorKind.Forbidden, "conflicting options: container type network can't be used with other networks");
        var configured = ContainerNetworks.Configured(state);
        return command switch
        {
            ConnectContainer c when configured.Any(n => n.Network == c.Network) =>
                new Rejected(ErrorKind.Forbidden, $"endpoint with name {state.Name} already exists in network {c.Network}"),
            DisconnectContainer d when configured.All(n => n.Network != d.Network) =>
                new Rejected(ErrorKind.Forbidden, $"container {state.Id} is not connected to network {d.Network}"),
            _ => null,
        };
    }
}
