using Akka.Actor;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Berth.Journal.Events;
using Berth.Native.Network;

namespace Berth.Actors.Networks;

// Creating a network: Docker's checks, a subnet from the pools when none is given, then the fact.
public sealed partial class NetworksActor
{
    private const string BridgeNameOption = "com.docker.network.bridge.name";

    private void OnCreate(CreateNetwork m)
    {
        var refusal = CheckCreate(m, out var subnet, out var gateway);
        if (refusal is not null) { Sender.Tell(refusal); return; }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var bridge = m.Options?.GetValueOrDefault(BridgeNameOption) is { Length: > 0 } named ? named : "br-" + id[..12];
        if (bridge.Length > 15 || bridge.Contains('/') || bridge.Contains(' '))
        {
            Sender.Tell(new Rejected(ErrorKind.InvalidParameter, $"invalid bridge name \"{bridge}\": at most 15 characters, no '/' or spaces"));
            return;
        }
        if (_state.ById.Values.Any(n => n.BridgeName == bridge) || bridge == _definitions.DefaultNetwork.BridgeName)
        {
            Sender.Tell(new Rejected(ErrorKind.Conflict, $"bridge name {bridge} is already in use by another network"));
            return;
        }
        var replyTo = Sender;
        var fact = new NetworkCreated(id, m.Name, "bridge", subnet!, gateway!, bridge, m.Internal, m.Labels, m.Options, _clock.GetUtcNow());
        PersistFact(fact, () =>
        {
            try
            {
                _definitions.Publish(NetworkCatalog.ToBridge(fact));
                replyTo.Tell(new NetworkCreatedReply(id));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NetworkException)
            {
                replyTo.Tell(new Rejected(ErrorKind.Internal, $"network {m.Name} was created but its configuration could not be written: {e.Message}"));
            }
        });
    }

    private Rejected? CheckCreate(CreateNetwork m, out string? subnet, out string? gateway)
    {
        subnet = gateway = null;
        if (string.IsNullOrEmpty(m.Name) || !ValidName().IsMatch(m.Name))
            return new Rejected(ErrorKind.InvalidParameter, $"invalid network name \"{m.Name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        if (Catalog.Find(m.Name) is { } existing && existing.Name == m.Name)
            return new Rejected(ErrorKind.Conflict, $"network with name {m.Name} already exists");
        if (m.Driver is { Length: > 0 } driver && driver != "bridge")
            return new Rejected(ErrorKind.NotFound, $"plugin \"{driver}\" not found");
        List<string> taken = [_definitions.DefaultNetwork.Subnet, .. _state.ById.Values.Select(n => n.Subnet)];
        if (m.Subnet is { Length: > 0 } requested)
        {
            if (!SubnetPool.IsIpv4Network(requested, out _))
                return new Rejected(ErrorKind.InvalidParameter, $"invalid subnet {requested}: an IPv4 network such as 172.20.0.0/16 (no host bits, at most /30)");
            if (taken.Any(t => SubnetPool.Overlaps(t, requested)))
                return new Rejected(ErrorKind.Forbidden, $"invalid pool request: Pool overlaps with other one on this address space");
            subnet = requested;
        }
        else
        {
            subnet = SubnetPool.Pick(_definitions.AddressPools, [.. taken, .. _definitions.HostRoutes()]);
            if (subnet is null)
                return new Rejected(ErrorKind.Forbidden, "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
        }
        if (m.Gateway is { Length: > 0 } gw)
        {
            if (!SubnetPool.Contains(subnet, gw) || !System.Net.IPAddress.TryParse(gw, out var address) || address.ToString() != gw)
                return new Rejected(ErrorKind.InvalidParameter, $"invalid gateway {gw}: not an address of subnet {subnet}");
            gateway = gw;
        }
        else gateway = NetworkSettings.FirstHost(subnet);
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex ValidName();
}
