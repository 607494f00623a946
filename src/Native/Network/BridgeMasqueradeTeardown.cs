using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Native.Processes;

namespace Berth.Native.Network;

/// <summary>
/// Removes the bridge plugin's per-container masquerade rule and chain when DEL cannot: the bridge
/// plugin learns the addresses to un-masquerade from the veth inside the namespace, so once the
/// namespace is gone its DEL frees the lease but leaves <c>POSTROUTING -s &lt;ip&gt; -j CNI-…</c>
/// behind. This replays the plugin's TeardownIPMasq from the recorded ADD result: same chain
/// name (<c>"CNI-" + sha512(network + id)</c>, 28 characters) and comment. Best effort: a rule or
/// chain that is not there is success.
/// </summary>
public static class BridgeMasqueradeTeardown
{
    private static readonly string[] IptablesCandidates = ["/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables"];

    /// <summary>Whether the attachment's chain starts with a masquerading bridge plugin.</summary>
    public static bool Applies(CniAttachment attachment) =>
        attachment.Plugins.FirstOrDefault() is JsonObject first
        && first["type"]?.GetValue<string>() == "bridge"
        && first["ipMasq"]?.GetValue<bool>() == true;

    public static async Task RunAsync(CniAttachment attachment, string containerId, CancellationToken cancellationToken)
    {
        var iptables = IptablesCandidates.FirstOrDefault(File.Exists);
        if (iptables is null || attachment.Plugins.FirstOrDefault()?["name"]?.GetValue<string>() is not { } network) return;
        var chain = ChainName(network, containerId);
        var comment = $"name: \"{network}\" id: \"{containerId}\"";
        foreach (var ip in Ipv4Addresses(attachment.Result))
            await IgnoreFailureAsync(iptables, ["-w", "-t", "nat", "-D", "POSTROUTING", "-s", ip, "-j", chain, "-m", "comment", "--comment", comment], cancellationToken).ConfigureAwait(false);
        await IgnoreFailureAsync(iptables, ["-w", "-t", "nat", "-F", chain], cancellationToken).ConfigureAwait(false);
        await IgnoreFailureAsync(iptables, ["-w", "-t", "nat", "-X", chain], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plugins' utils.FormatChainName.</summary>
    public static string ChainName(string network, string containerId) =>
        ("CNI-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(network + containerId))))[..28];

    private static IEnumerable<string> Ipv4Addresses(JsonNode? result) =>
        (result?["ips"] as JsonArray ?? []).Select(ip => ip?["address"]?.GetValue<string>())
            .OfType<string>().Select(cidr => cidr.Split('/')[0]).Where(a => a.Contains('.'));

    private static async Task IgnoreFailureAsync(string iptables, string[] args, CancellationToken cancellationToken)
    {
        // Exit codes are not inspected: "no such rule / chain" is the expected answer once clean.
        await ProcessRunner.RunAsync(new ProcessStartSpec(iptables, args), cancellationToken).ConfigureAwait(false);
    }
}
