using System.Security.Cryptography;
using System.Text;
using Berth.Journal.Events;
using Berth.Native.Network;

namespace Berth.Actors.Networks;

/// <summary>
/// Every network as Docker lists them: the predefined <c>bridge</c> (the host's default network),
/// <c>host</c> and <c>none</c>, then the user-defined ones; lookup by exact name, full id, or a
/// unique id prefix, in that order (Docker's).
/// </summary>
public sealed class NetworkCatalog(BridgeNetwork defaultNetwork, NetworksState state)
{
    public static readonly string HostId = PseudoId("host");
    public static readonly string NoneId = PseudoId("none");

    /// <summary>The predefined networks' (id, name, driver).</summary>
    public IReadOnlyList<(string Id, string Name, string Driver)> Predefined =>
        [(defaultNetwork.Id, defaultNetwork.Name, "bridge"), (HostId, "host", "host"), (NoneId, "none", "null")];

    public bool IsPredefined(string name) => Predefined.Any(p => p.Name == name);

    /// <summary>(id, name) of the network <paramref name="reference"/> names, or null.</summary>
    public (string Id, string Name)? Find(string reference)
    {
        var all = Predefined.Select(p => (p.Id, p.Name)).Concat(state.ById.Values.Select(n => (n.Id, n.Name))).ToList();
        if (all.FirstOrDefault(n => n.Name == reference) is { Id: not null } byName) return byName;
        if (all.FirstOrDefault(n => n.Id == reference) is { Id: not null } byId) return byId;
        var prefixed = reference.Length == 0 ? [] : all.Where(n => n.Id.StartsWith(reference, StringComparison.Ordinal)).ToList();
        return prefixed is [var single] ? single : null;
    }

    public static BridgeNetwork ToBridge(NetworkCreated n) => new(n.Id, n.Name, n.BridgeName, n.Subnet, n.Gateway, n.Internal, Dns: true);

    private static string PseudoId(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("berth-network:" + name)));
}
