using System.Net;
using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>
/// One test's private network world: temp exec and data roots, its own bridge (bt + 4 hex) and
/// /24 subnet, its own container ids. DisposeAsync releases every sandbox it handed out, removes
/// whatever iptables rules and chains still name its containers, deletes the bridge and the roots,
/// even when the test failed half-way.
/// </summary>
public sealed class NetworkTestHost : IAsyncLifetime
{
    private readonly List<string> _containerIds = [];

    public NetworkTestHost()
    {
        var tag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..4];
        Root = Path.Combine(Path.GetTempPath(), "berth-net-" + Guid.NewGuid().ToString("N")[..12]);
        BridgeName = "bt" + tag;
        var second = Random.Shared.Next(100, 250);
        var third = Random.Shared.Next(0, 256);
        SubnetPrefix = $"10.{second}.{third}.";
        Settings = new NetworkSettings(Path.Combine(Root, "run"), Path.Combine(Root, "lib"))
        {
            BridgeName = BridgeName,
            Subnet = SubnetPrefix + "0/24",
        };
        Sandboxes = new CniNetworkSandboxes(Settings);
    }

    public string Root { get; }

    public string BridgeName { get; }

    /// <summary>"10.x.y." — every address of the test's subnet starts with it.</summary>
    public string SubnetPrefix { get; }

    public NetworkSettings Settings { get; }

    public CniNetworkSandboxes Sandboxes { get; }

    /// <summary>The lease directory of the test's network (host-local: dataDir/networkName).</summary>
    public string LeaseDir => Path.Combine(Settings.IpamDataDir, Settings.NetworkName);

    /// <summary>A fresh 64-hex container id, remembered for cleanup.</summary>
    public string NewContainerId()
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        _containerIds.Add(id);
        return id;
    }

    public Task<SandboxInfo> AllocateAsync(string id, string mode = "bridge", IReadOnlyList<SandboxPortRequest>? ports = null) =>
        Sandboxes.AllocateAsync(new SandboxRequest(id, mode, "web-" + id[..6], null, ports), CancellationToken.None);

    /// <summary>The lease files (one per allocated address) host-local holds for the test network.</summary>
    public IReadOnlyList<string> Leases() =>
        Directory.Exists(LeaseDir)
            ? [.. Directory.EnumerateFiles(LeaseDir).Select(Path.GetFileName).Where(n => IPAddress.TryParse(n, out _))!]
            : [];

    /// <summary>The host-side veths enslaved to the test bridge.</summary>
    public async Task<IReadOnlyList<string>> BridgePortsAsync()
    {
        var result = await Shell.RunAsync("/usr/sbin/ip", "-o", "link", "show", "master", BridgeName);
        if (result.ExitCode != 0) return []; // no bridge (yet): no ports
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[1].Trim().Split('@')[0])];
    }

    /// <summary>Polls until no veth is left on the test bridge; false on timeout.</summary>
    public async Task<bool> BridgeEmptiesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await BridgePortsAsync()).Count > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>The nat-table rules that name <paramref name="containerId"/> (iptables-save lines).</summary>
    public static async Task<IReadOnlyList<string>> IptablesLinesAsync(string containerId)
    {
        var dump = await Shell.CheckedAsync("/usr/sbin/iptables-save");
        return [.. dump.Split('\n').Where(l => l.Contains(containerId, StringComparison.Ordinal))];
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var id in _containerIds)
        {
            try
            {
                await Sandboxes.ReleaseAsync(id, CancellationToken.None);
            }
            catch (Exception)
            {
                // Fall through to the blunt cleanup below.
            }
            await RemoveRulesNamingAsync(id);
            NetworkNamespaces.DeletePath(Path.Combine(Settings.NetnsDir, id));
        }
        // The network's masquerade rule lives as long as the network: this one ends with the test.
        await new NetworkMasquerade().RemoveAsync(Settings.DefaultNetwork, CancellationToken.None);
        await Shell.RunAsync("/usr/sbin/ip", "link", "del", BridgeName);
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// Deletes nat rules whose comment names the container, then flushes and deletes the
    /// per-container chains they jumped to (never the shared CNI-HOSTPORT-* chains).
    /// </summary>
    private static async Task RemoveRulesNamingAsync(string containerId)
    {
        var rules = (await Shell.RunAsync("/usr/sbin/iptables", "-t", "nat", "-S")).Stdout.Split('\n')
            .Where(l => l.StartsWith("-A ", StringComparison.Ordinal) && l.Contains(containerId, StringComparison.Ordinal)).ToList();
        var chains = new HashSet<string>();
        foreach (var rule in rules)
        {
            var words = SplitRule(rule);
            var jump = words.IndexOf("-j");
            if (jump >= 0 && jump + 1 < words.Count && words[jump + 1].StartsWith("CNI-", StringComparison.Ordinal)
                && !words[jump + 1].StartsWith("CNI-HOSTPORT-", StringComparison.Ordinal))
                chains.Add(words[jump + 1]);
            if (!words[1].StartsWith("CNI-HOSTPORT-", StringComparison.Ordinal) && words[1].StartsWith("CNI-", StringComparison.Ordinal))
                chains.Add(words[1]);
            words[0] = "-D";
            await Shell.RunAsync("/usr/sbin/iptables", ["-t", "nat", .. words]);
        }
        foreach (var chain in chains)
        {
            await Shell.RunAsync("/usr/sbin/iptables", "-t", "nat", "-F", chain);
            await Shell.RunAsync("/usr/sbin/iptables", "-t", "nat", "-X", chain);
        }
    }

    /// <summary>Splits an iptables -S line, honouring the double quotes around comments.</summary>
    private static List<string> SplitRule(string rule)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < rule.Length; i++)
        {
            var c = rule[i];
            if (c == '\\' && i + 1 < rule.Length && quoted) { current.Append(rule[++i]); continue; }
            if (c == '"') { quoted = !quoted; continue; }
            if (c == ' ' && !quoted)
            {
                if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
