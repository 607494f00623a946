using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Berth.Native.Network;

/// <summary>
/// The real <see cref="INetworkSandboxes"/>: a bind-mounted network namespace per container (its
/// <c>lo</c> brought up in-process), CNI plugins for its attachments (bridge + host-local
/// (+ portmap) per network) and Docker's
/// hosts / resolv.conf / hostname files. Crash-safe by the intent rule: the sandbox record is
/// written before the namespace or any attachment exists and updated after each ADD, so
/// <see cref="ReleaseAsync"/> can always find and undo everything, any number of times.
/// </summary>
public sealed partial class CniNetworkSandboxes : INetworkSandboxes
{
    private const int RecordVersion = 1;

    private readonly NetworkSettings _settings;
    private readonly NetworkNamespaces _namespaces;
    private readonly SandboxRecords _records;
    private readonly SandboxFiles _files;
    private readonly CniChain _chain;
    private readonly NetworkConfigFiles _networks;
    private readonly AardvarkDns _dns;
    private readonly NetworkMasquerade _masquerade = new();

    /// <summary>Serializes host-port choice + record write, so two sandboxes never take one port.</summary>
    private readonly SemaphoreSlim _reservations = new(1, 1);

    public CniNetworkSandboxes(NetworkSettings settings)
    {
        // A configuration ADD refuses, DEL refuses too: such a record could never be released.
        if (!SubnetPool.IsIpv4Network(settings.Subnet, out _))
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid subnet \"{settings.Subnet}\": an IPv4 network such as 10.88.0.0/16");
        _settings = settings;
        _namespaces = new NetworkNamespaces(settings.NetnsDir);
        _records = new SandboxRecords(settings.SandboxRecordDir);
        _files = new SandboxFiles(settings);
        _chain = new CniChain(new CniPluginRunner(settings.CniPluginDir, settings.PluginTimeout));
        _networks = new NetworkConfigFiles(settings);
        _dns = new AardvarkDns(settings);
    }

    private enum Mode { Bridge, None, Host, Container }

    public async Task<SandboxInfo> AllocateAsync(SandboxRequest request, CancellationToken cancellationToken)
    {
        var id = ValidateId(request.ContainerId);
        var mode = ParseMode(request.NetworkMode);
        // Whatever an earlier allocation left (a crash before NetworkAllocated was journaled) goes
        // first, as Docker's allocateNetwork starts with SandboxDestroy.
        await ReleaseAsync(id, cancellationToken).ConfigureAwait(false);
        var hostname = Hostname(request, mode);
        if (mode == Mode.Host)
        {
            var files = _files.WriteHostMode(id, hostname, request.ExtraHosts);
            return new SandboxInfo("", [new SandboxEndpoint("host", null, 0, null, null)], [], files.Hosts, files.ResolvConf, files.Hostname);
        }
        if (mode == Mode.Container) return JoinContainer(request.NetworkMode["container:".Length..]);
        var networks = mode == Mode.Bridge ? ResolveNetworks(request) : [];
        var record = await ReserveAsync(request, mode, networks, cancellationToken).ConfigureAwait(false);
        try
        {
            return await AttachAsync(record, networks, request, hostname, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // CNI: a DEL must follow a failed ADD. If this fails too the record stays, and the
            // caller's ReleaseAsync (or the next AllocateAsync) tries again.
            try
            {
                await ReleaseAsync(id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The original failure is the one to report.
            }
            throw;
        }
    }

    public async Task ReleaseAsync(string containerId, CancellationToken cancellationToken)
    {
        var id = ValidateId(containerId);
        var record = _records.TryRead(id);
        if (record is null)
        {
            // The record precedes the namespace, so there is none; deleting costs nothing.
            _namespaces.Delete(id);
            return;
        }
        // DEL runs while the namespace still exists (bridge finds the masquerade rules to remove
        // through the veth in it); a path that is no longer a namespace is passed as "none".
        var netns = NetworkNamespaces.IsNamespace(record.NetnsPath) ? record.NetnsPath : null;
        // A loopback attachment (records of earlier versions) needs no DEL: lo goes with the namespace.
        foreach (var attachment in record.NetworkAttachments.Reverse())
            await DelAsync(attachment, id, netns, cancellationToken).ConfigureAwait(false);
        NetworkNamespaces.DeletePath(record.NetnsPath);
        _records.Delete(id);
        if (record.Attachments.Any(a => a.DnsNames is not null)) await SyncDnsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every sandbox's attachments to named networks, for the Networks actor (in use, inspect).</summary>
    public IReadOnlyList<SandboxRecord> Records() => _records.ReadAll();

    private async Task DelAsync(CniAttachment attachment, string id, string? netns, CancellationToken cancellationToken)
    {
        await _chain.DelAsync(attachment, id, netns, cancellationToken).ConfigureAwait(false);
        if (netns is null && BridgeMasqueradeTeardown.Applies(attachment))
            await BridgeMasqueradeTeardown.RunAsync(attachment, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Chooses host ports and writes the intent record.</summary>
    private async Task<SandboxRecord> ReserveAsync(SandboxRequest request, Mode mode, IReadOnlyList<(BridgeNetwork Network, SandboxNetworkRequest Request)> networks, CancellationToken cancellationToken)
    {
        await _reservations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = request.ContainerId;
            var ports = mode == Mode.Bridge
                ? HostPorts.Resolve(request.Ports ?? [], _records.ReadAll().Where(r => r.ContainerId != id).SelectMany(r => r.Ports))
                : [];
            List<CniAttachment> attachments = [];
            for (var i = 0; i < networks.Count; i++)
                attachments.Add(Attachment(networks[i].Network, networks[i].Request, "eth" + i, request.ContainerName, id, i == 0 ? ports : []));
            var record = new SandboxRecord(RecordVersion, id, mode.ToString().ToLowerInvariant(), _namespaces.PathOf(id), ports, attachments)
            {
                ContainerName = request.ContainerName,
            };
            _records.Write(record);
            return record;
        }
        finally
        {
            _reservations.Release();
        }
    }

    private CniAttachment Attachment(BridgeNetwork network, SandboxNetworkRequest request, string ifName, string? containerName, string id, IReadOnlyList<SandboxPort> ports)
    {
        var plugins = new JsonArray(CniPluginConfigs.Bridge(network, _settings.IpamDataDir, request.IPv4Address));
        if (ports.Count > 0) plugins.Add(CniPluginConfigs.Portmap(network.Name, ports));
        IReadOnlyList<string>? names = network.Dns
            ? [.. new[] { containerName, id[..Math.Min(12, id.Length)] }.OfType<string>(), .. request.Aliases ?? []]
            : null;
        return new CniAttachment(network.Name, ifName, plugins) { NetworkId = network.Id, DnsNames = names, Aliases = request.Aliases };
    }

    /// <summary>Creates the namespace, runs every ADD (recording each result), writes the files.</summary>
    private async Task<SandboxInfo> AttachAsync(
        SandboxRecord record, IReadOnlyList<(BridgeNetwork Network, SandboxNetworkRequest Request)> networks, SandboxRequest request, string hostname,
        CancellationToken cancellationToken)
    {
        foreach (var (network, _) in networks) await _masquerade.EnsureAsync(network, cancellationToken).ConfigureAwait(false);
        var netns = await _namespaces.CreateAsync(record.ContainerId).ConfigureAwait(false);
        var attachments = record.Attachments.ToList();
        for (var i = 0; i < attachments.Count; i++)
        {
            var result = await _chain.AddAsync(attachments[i], record.ContainerId, netns, cancellationToken).ConfigureAwait(false);
            attachments[i] = attachments[i] with { Result = result };
            _records.Write(record with { Attachments = [.. attachments] });
        }
        var endpoints = attachments.Select(a => Endpoint(a)).ToList();
        var first = endpoints.FirstOrDefault();
        var resolvers = networks.Where(n => n.Network.Dns && _dns.Available).Select(n => n.Network.Gateway).ToList();
        var files = _files.WriteIsolated(record.ContainerId, hostname, request.Domainname, first?.IPAddress,
            new ResolvConfRequest(request.Dns, resolvers), ExtraHosts.Resolve(request.ExtraHosts, first?.Gateway));
        if (networks.Any(n => n.Network.Dns)) await SyncDnsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SandboxEndpoint> reported = endpoints.Count > 0 ? endpoints : [new SandboxEndpoint("none", null, 0, null, null)];
        return new SandboxInfo(netns, reported, record.Ports, files.Hosts, files.ResolvConf, files.Hostname);
    }

    private static SandboxEndpoint Endpoint(CniAttachment attachment) =>
        CniResult.ToEndpoint(attachment.Network, attachment.IfName, attachment.Result) with { NetworkId = attachment.NetworkId, Aliases = attachment.Aliases };

    private Task SyncDnsAsync(CancellationToken cancellationToken) =>
        _dns.SyncAsync(_networks.ReadAll(), _records.ReadAll(), cancellationToken);

    /// <summary><c>container:&lt;id&gt;</c>: the other sandbox's namespace and files; this container holds nothing.</summary>
    private SandboxInfo JoinContainer(string otherId)
    {
        var other = _records.TryRead(ValidateId(otherId));
        if (other is null || !NetworkNamespaces.IsNamespace(other.NetnsPath))
            throw new NetworkException(NetworkErrorKind.Conflict, $"cannot join network of a non running container: {otherId}");
        var dir = _settings.ContainerDir(otherId);
        return new SandboxInfo(other.NetnsPath, [], [],
            Path.Combine(dir, "hosts"), Path.Combine(dir, "resolv.conf"), Path.Combine(dir, "hostname"));
    }

    private Mode ParseMode(string networkMode) => networkMode switch
    {
        "none" => Mode.None,
        "host" => Mode.Host,
        _ when networkMode.StartsWith("container:", StringComparison.Ordinal) => Mode.Container,
        _ => Mode.Bridge,
    };

    private static string Hostname(SandboxRequest request, Mode mode)
    {
        if (!string.IsNullOrEmpty(request.Hostname)) return request.Hostname;
        if (mode == Mode.Host && File.Exists("/proc/sys/kernel/hostname")) return File.ReadAllText("/proc/sys/kernel/hostname").Trim();
        return request.ContainerId.Length > 12 ? request.ContainerId[..12] : request.ContainerId;
    }

    /// <summary>CNI's rule for container ids, which also keeps them safe as file names.</summary>
    private static string ValidateId(string containerId) =>
        ValidId().IsMatch(containerId) && containerId.Length <= 128
            ? containerId
            : throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid container id \"{containerId}\"");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ValidId();
}
