using Berth.Native.Processes;

namespace Berth.Native.Network;

/// <summary>The real <see cref="INetworkDefinitions"/>: conflists under the data root, <c>ip link</c> for bridges.</summary>
public sealed class CniNetworkDefinitions(NetworkSettings settings) : INetworkDefinitions
{
    private static readonly string[] IpCandidates = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"];
    private readonly NetworkConfigFiles _files = new(settings);
    private readonly SandboxRecords _records = new(settings.SandboxRecordDir);

    public BridgeNetwork DefaultNetwork => settings.DefaultNetwork;

    public IReadOnlyList<string> AddressPools => settings.AddressPools;

    public IReadOnlyList<string> HostRoutes() => SubnetPool.HostRoutes();

    public void PublishAll(IReadOnlyList<BridgeNetwork> networks)
    {
        foreach (var network in networks) _files.Write(network);
        foreach (var stale in _files.ReadAll().Where(f => networks.All(n => n.Name != f.Name))) _files.Delete(stale.Name);
    }

    public void Publish(BridgeNetwork network) => _files.Write(network);

    public async Task RemoveAsync(BridgeNetwork network, CancellationToken cancellationToken)
    {
        _files.Delete(network.Name);
        await new NetworkMasquerade().RemoveAsync(network, cancellationToken).ConfigureAwait(false);
        if (IpCandidates.FirstOrDefault(File.Exists) is { } ip)
        {
            // "Cannot find device" once it is gone: not inspected, the bridge is absent either way.
            await ProcessRunner.RunAsync(new ProcessStartSpec(ip, ["link", "delete", network.BridgeName, "type", "bridge"]), cancellationToken)
                .ConfigureAwait(false);
        }
        var leases = Path.Combine(settings.IpamDataDir, network.Name);
        if (Directory.Exists(leases)) Directory.Delete(leases, recursive: true);
    }

    public IReadOnlyList<NetworkAttachment> Attachments() =>
    [
        .. _records.ReadAll().SelectMany(record => record.NetworkAttachments.Select(a =>
        {
            var endpoint = CniResult.ToEndpoint(a.Network, a.IfName, a.Result);
            return new NetworkAttachment(record.ContainerId, record.ContainerName, a.Network, a.NetworkId, endpoint.IPAddress, endpoint.IPPrefixLen, endpoint.MacAddress);
        })),
    ];
}
