using Berth.Native.Network;

namespace Berth.Actors.Networks;

/// <summary>Every network's view with its attached containers, in Docker's list order (predefined first).</summary>
internal static class NetworkViews
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static IReadOnlyList<NetworkView> All(BridgeNetwork defaultNetwork, NetworksState state, IReadOnlyList<NetworkAttachment> attachments)
    {
        var catalog = new NetworkCatalog(defaultNetwork, state);
        var views = new List<NetworkView>();
        foreach (var (id, name, driver) in catalog.Predefined)
        {
            var isDefault = id == defaultNetwork.Id;
            views.Add(new NetworkView(id, name, driver, DateTimeOffset.UnixEpoch, isDefault ? defaultNetwork.Subnet : null,
                isDefault ? defaultNetwork.Gateway : null, false, Empty,
                isDefault ? new Dictionary<string, string> { ["com.docker.network.bridge.name"] = defaultNetwork.BridgeName } : Empty,
                isDefault ? Members(attachments.Where(a => a.Network == name && (a.NetworkId is null || a.NetworkId == id))) : [], Builtin: true));
        }
        foreach (var n in state.ById.Values.OrderBy(n => n.At))
        {
            var options = new Dictionary<string, string>(n.Options ?? Empty) { ["com.docker.network.bridge.name"] = n.BridgeName };
            views.Add(new NetworkView(n.Id, n.Name, n.Driver, n.At, n.Subnet, n.Gateway, n.Internal, n.Labels ?? Empty, options,
                Members(attachments.Where(a => a.NetworkId == n.Id || a.NetworkId is null && a.Network == n.Name))));
        }
        return views;
    }

    private static IReadOnlyList<NetworkMember> Members(IEnumerable<NetworkAttachment> attachments) =>
        [.. attachments.Select(a => new NetworkMember(a.ContainerId, a.ContainerName ?? "", a.IPAddress, a.IPPrefixLen, a.MacAddress))];
}
