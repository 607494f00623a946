namespace Berth.Native.Network;

// Which networks a sandbox joins, and joining or leaving one while the container runs.
public sealed partial class CniNetworkSandboxes
{
    public async Task<SandboxEndpoint> ConnectAsync(string containerId, SandboxNetworkRequest network, CancellationToken cancellationToken)
    {
        var id = ValidateId(containerId);
        var resolved = Resolve(network);
        await _masquerade.EnsureAsync(resolved, cancellationToken).ConfigureAwait(false);
        CniAttachment attachment;
        SandboxRecord record;
        await _reservations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            record = _records.TryRead(id) is { Mode: "bridge" or "none" } r && NetworkNamespaces.IsNamespace(r.NetnsPath)
                ? r
                : throw new NetworkException(NetworkErrorKind.Conflict, $"container {id} has no network namespace of its own to connect: it is not running, or its network mode is host or container");
            if (record.Attachments.Any(a => a.Network == resolved.Name))
                throw new NetworkException(NetworkErrorKind.Conflict, $"endpoint with name {record.ContainerName ?? id} already exists in network {resolved.Name}");
            var ifName = FreeInterfaceName(record);
            attachment = Attachment(resolved, network, ifName, record.ContainerName, id, []);
            record = record with { Attachments = [.. record.Attachments, attachment] };
            _records.Write(record); // intent: a crash from here on is undone by the release
        }
        finally
        {
            _reservations.Release();
        }
        try
        {
            var result = await _chain.AddAsync(attachment, id, record.NetnsPath, cancellationToken).ConfigureAwait(false);
            attachment = attachment with { Result = result };
        }
        catch
        {
            await DetachAsync(id, attachment.IfName, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        ReplaceAttachment(id, attachment);
        if (resolved.Dns) await SyncDnsAsync(cancellationToken).ConfigureAwait(false);
        return Endpoint(attachment);
    }

    public async Task DisconnectAsync(string containerId, string network, CancellationToken cancellationToken)
    {
        var id = ValidateId(containerId);
        var record = _records.TryRead(id);
        var attachment = record?.NetworkAttachments.FirstOrDefault(a => a.Network == network || a.NetworkId == network);
        if (attachment is null) return; // not attached (any more): disconnect is idempotent
        await DetachAsync(id, attachment.IfName, cancellationToken).ConfigureAwait(false);
        if (attachment.DnsNames is not null) await SyncDnsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DEL of one attachment, then the record without it (the fact after).</summary>
    private async Task DetachAsync(string id, string ifName, CancellationToken cancellationToken)
    {
        if (_records.TryRead(id) is not { } record || record.Attachments.FirstOrDefault(a => a.IfName == ifName) is not { } attachment) return;
        var netns = NetworkNamespaces.IsNamespace(record.NetnsPath) ? record.NetnsPath : null;
        await DelAsync(attachment, id, netns, cancellationToken).ConfigureAwait(false);
        await _reservations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_records.TryRead(id) is { } current)
                _records.Write(current with { Attachments = [.. current.Attachments.Where(a => a.IfName != ifName)] });
        }
        finally
        {
            _reservations.Release();
        }
    }

    private void ReplaceAttachment(string id, CniAttachment attachment)
    {
        _reservations.Wait();
        try
        {
            if (_records.TryRead(id) is { } current)
                _records.Write(current with { Attachments = [.. current.Attachments.Select(a => a.IfName == attachment.IfName ? attachment : a)] });
        }
        finally
        {
            _reservations.Release();
        }
    }

    private static string FreeInterfaceName(SandboxRecord record)
    {
        for (var i = 0; ; i++)
            if (record.Attachments.All(a => a.IfName != "eth" + i)) return "eth" + i;
    }

    /// <summary>The networks a bridge-mode sandbox joins: those requested, else the one its mode names.</summary>
    private List<(BridgeNetwork Network, SandboxNetworkRequest Request)> ResolveNetworks(SandboxRequest request)
    {
        var requests = request.Networks is { Count: > 0 } list ? list : [new SandboxNetworkRequest(request.NetworkMode)];
        var resolved = new List<(BridgeNetwork, SandboxNetworkRequest)>();
        foreach (var network in requests)
        {
            var definition = Resolve(network);
            if (resolved.Any(r => r.Item1.Id == definition.Id)) continue;
            resolved.Add((definition, network));
        }
        return resolved;
    }

    /// <summary>A network reference to its definition, with Docker's refusals for the default network.</summary>
    private BridgeNetwork Resolve(SandboxNetworkRequest request)
    {
        var reference = request.Network;
        var isDefault = reference is "" or "default" or "bridge" || reference == _settings.NetworkName;
        var network = isDefault ? _settings.DefaultNetwork : _networks.Resolve(reference)
            ?? throw new NetworkException(NetworkErrorKind.NotFound, $"network {reference} not found");
        if (network.Id == _settings.DefaultNetwork.Id)
        {
            if (!string.IsNullOrEmpty(request.IPv4Address))
                throw new NetworkException(NetworkErrorKind.InvalidParameter, "user specified IP address is supported on user defined networks only");
            if (request.Aliases is { Count: > 0 })
                throw new NetworkException(NetworkErrorKind.InvalidParameter, "network-scoped alias is supported only for containers in user defined networks");
        }
        if (request.IPv4Address is { Length: > 0 } ip && !SubnetPool.Contains(network.Subnet, ip))
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid IPv4 address {ip}: it does not belong to network {network.Name}'s subnet {network.Subnet}");
        return network;
    }
}
