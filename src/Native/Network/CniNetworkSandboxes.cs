using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Berth.Native.Network;

/// <summary>
/// The real <see cref="INetworkSandboxes"/>: a bind-mounted network namespace per container, CNI
/// plugins for its attachments (loopback; bridge + host-local + portmap for the default network)
/// and Docker's hosts / resolv.conf / hostname files. Crash-safe by the intent rule: the sandbox
/// record is written before the namespace or any attachment exists and updated after each ADD,
/// so <see cref="ReleaseAsync"/> can always find and undo everything, any number of times.
/// </summary>
public sealed partial class CniNetworkSandboxes : INetworkSandboxes
{
    private const string ContainerIfName = "eth0";
    private const int RecordVersion = 1;

    private readonly NetworkSettings _settings;
    private readonly NetworkNamespaces _namespaces;
    private readonly SandboxRecords _records;
    private readonly SandboxFiles _files;
    private readonly CniChain _chain;

    /// <summary>Serializes host-port choice + record write, so two sandboxes never take one port.</summary>
    private readonly SemaphoreSlim _reservations = new(1, 1);

    public CniNetworkSandboxes(NetworkSettings settings)
    {
        // A configuration ADD refuses, DEL refuses too: such a record could never be released.
        if (!System.Net.IPNetwork.TryParse(settings.Subnet, out var subnet)
            || subnet.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || subnet.PrefixLength > 30
            || subnet.ToString() != settings.Subnet) // no host bits: 10.88.0.1/16 is not a network
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid subnet \"{settings.Subnet}\": an IPv4 network such as 10.88.0.0/16");
        _settings = settings;
        _namespaces = new NetworkNamespaces(settings.NetnsDir);
        _records = new SandboxRecords(settings.SandboxRecordDir);
        _files = new SandboxFiles(settings);
        _chain = new CniChain(new CniPluginRunner(settings.CniPluginDir, settings.PluginTimeout));
    }

    private enum Mode { Bridge, None, Host }

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
            var files = _files.WriteHostMode(id, hostname);
            return new SandboxInfo("", [new SandboxEndpoint("host", null, 0, null, null)], [], files.Hosts, files.ResolvConf, files.Hostname);
        }
        var record = await ReserveAsync(id, mode, request.Ports ?? [], cancellationToken).ConfigureAwait(false);
        try
        {
            return await AttachAsync(record, hostname, request.Domainname, cancellationToken).ConfigureAwait(false);
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
        foreach (var attachment in record.Attachments.Reverse())
        {
            await _chain.DelAsync(attachment, id, netns, cancellationToken).ConfigureAwait(false);
            if (netns is null && BridgeMasqueradeTeardown.Applies(attachment))
                await BridgeMasqueradeTeardown.RunAsync(attachment, id, cancellationToken).ConfigureAwait(false);
        }
        NetworkNamespaces.DeletePath(record.NetnsPath);
        _records.Delete(id);
    }

    /// <summary>Chooses host ports and writes the intent record.</summary>
    private async Task<SandboxRecord> ReserveAsync(string id, Mode mode, IReadOnlyList<SandboxPortRequest> requests, CancellationToken cancellationToken)
    {
        await _reservations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ports = mode == Mode.Bridge
                ? HostPorts.Resolve(requests, _records.ReadAll().Where(r => r.ContainerId != id).SelectMany(r => r.Ports))
                : [];
            List<CniAttachment> attachments = [new("loopback", "lo", [CniPluginConfigs.Loopback()])];
            if (mode == Mode.Bridge)
            {
                var plugins = new JsonArray(CniPluginConfigs.Bridge(_settings));
                if (ports.Count > 0) plugins.Add(CniPluginConfigs.Portmap(_settings.NetworkName, ports));
                attachments.Add(new CniAttachment(_settings.NetworkName, ContainerIfName, plugins));
            }
            var record = new SandboxRecord(RecordVersion, id, mode.ToString().ToLowerInvariant(), _namespaces.PathOf(id), ports, attachments);
            _records.Write(record);
            return record;
        }
        finally
        {
            _reservations.Release();
        }
    }

    /// <summary>Creates the namespace, runs every ADD (recording each result), writes the files.</summary>
    private async Task<SandboxInfo> AttachAsync(SandboxRecord record, string hostname, string? domainname, CancellationToken cancellationToken)
    {
        var netns = await _namespaces.CreateAsync(record.ContainerId).ConfigureAwait(false);
        var attachments = record.Attachments.ToList();
        for (var i = 0; i < attachments.Count; i++)
        {
            var result = await _chain.AddAsync(attachments[i], record.ContainerId, netns, cancellationToken).ConfigureAwait(false);
            attachments[i] = attachments[i] with { Result = result };
            _records.Write(record with { Attachments = [.. attachments] });
        }
        var endpoint = record.Mode == "bridge"
            ? CniResult.ToEndpoint(_settings.NetworkName, ContainerIfName, attachments[^1].Result)
            : new SandboxEndpoint("none", null, 0, null, null);
        var files = _files.WriteIsolated(record.ContainerId, hostname, domainname, endpoint.IPAddress);
        return new SandboxInfo(netns, [endpoint], record.Ports, files.Hosts, files.ResolvConf, files.Hostname);
    }

    private Mode ParseMode(string networkMode) => networkMode switch
    {
        "" or "default" or "bridge" => Mode.Bridge,
        "none" => Mode.None,
        "host" => Mode.Host,
        _ when networkMode == _settings.NetworkName => Mode.Bridge,
        _ when networkMode.StartsWith("container:", StringComparison.Ordinal) => throw new NetworkException(
            NetworkErrorKind.InvalidParameter,
            $"network mode \"{networkMode}\" is resolved by the caller: join that container's sandbox key instead of allocating one"),
        _ => throw new NetworkException(NetworkErrorKind.NotFound, $"network {networkMode} not found"),
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
