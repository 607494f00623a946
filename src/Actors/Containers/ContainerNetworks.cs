using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>
/// The networks a container is configured to join: <c>HostConfig.EndpointsConfig</c> when set (the
/// create request's list, the mode's network first; connect and disconnect facts rewrite it), else
/// the network its mode names. Empty for the <c>host</c>, <c>none</c> and <c>container:</c> modes.
/// </summary>
public static class ContainerNetworks
{
    public static IReadOnlyList<EndpointSettings> Configured(ContainerState state)
    {
        var mode = state.HostConfig.NetworkMode;
        if (!IsNetwork(mode)) return state.HostConfig.EndpointsConfig ?? [];
        return state.HostConfig.EndpointsConfig ?? [new EndpointSettings(mode is null or "" or "default" ? "bridge" : mode)];
    }

    /// <summary>Whether a network mode names a network (bridge or user-defined) rather than host/none/container:.</summary>
    public static bool IsNetwork(string? mode) =>
        mode is not ("host" or "none") && mode?.StartsWith("container:", StringComparison.Ordinal) != true;
}
