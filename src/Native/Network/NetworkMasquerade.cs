using System.Collections.Concurrent;
using Berth.Native.Processes;

namespace Berth.Native.Network;

/// <summary>
/// One masquerade rule per network, as Docker installs it (<c>POSTROUTING -s &lt;subnet&gt; ! -o
/// &lt;bridge&gt; -j MASQUERADE</c>), instead of the bridge plugin's per-container chain: the plugin's
/// ipMasq costs four iptables executions at each ADD and DEL (more than half of a CNI ADD+DEL on
/// iptables-nft) and leaves its rule behind when the namespace is gone before DEL. The rule is
/// checked once per network per daemon run and removed with the network. Internal networks get none.
/// </summary>
public sealed class NetworkMasquerade
{
    private static readonly string[] IptablesCandidates = ["/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables"];
    private readonly ConcurrentDictionary<string, Task> _ensured = new();

    public Task EnsureAsync(BridgeNetwork network, CancellationToken cancellationToken) =>
        network.Internal ? Task.CompletedTask : _ensured.GetOrAdd(Key(network), _ => EnsureOnceAsync(network, cancellationToken));

    public async Task RemoveAsync(BridgeNetwork network, CancellationToken cancellationToken)
    {
        _ensured.TryRemove(Key(network), out _);
        if (Iptables() is not { } iptables) return;
        // Deleted until none is left: a rule added twice (two daemons' races) goes too.
        for (var i = 0; i < 8; i++)
            if (!(await ProcessRunner.RunAsync(new ProcessStartSpec(iptables, ["-w", "-t", "nat", "-D", .. Rule(network)]), cancellationToken).ConfigureAwait(false)).Succeeded)
                break;
    }

    private async Task EnsureOnceAsync(BridgeNetwork network, CancellationToken cancellationToken)
    {
        try
        {
            var iptables = Iptables() ?? throw new NetworkException(NetworkErrorKind.Internal, "iptables not found: containers could not reach outside their network");
            var check = await ProcessRunner.RunAsync(new ProcessStartSpec(iptables, ["-w", "-t", "nat", "-C", .. Rule(network)]), cancellationToken).ConfigureAwait(false);
            if (check.Succeeded) return;
            await ProcessRunner.RunCheckedAsync(new ProcessStartSpec(iptables, ["-w", "-t", "nat", "-A", .. Rule(network)]), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ensured.TryRemove(Key(network), out _); // the next sandbox tries again
            throw;
        }
    }

    private static string[] Rule(BridgeNetwork network) =>
        ["POSTROUTING", "-s", network.Subnet, "!", "-o", network.BridgeName, "-j", "MASQUERADE", "-m", "comment", "--comment", $"berth network {network.Name}"];

    private static string Key(BridgeNetwork network) => network.Id + "/" + network.Subnet + "/" + network.BridgeName;

    private static string? Iptables() => IptablesCandidates.FirstOrDefault(File.Exists);
}
