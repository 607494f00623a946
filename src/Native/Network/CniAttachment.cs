using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// One CNI attachment of a sandbox, identified (spec §3) by the container id and
/// <see cref="IfName"/>: the plugin chain exactly as executed for ADD and, once ADD finished, its
/// final result (the <c>prevResult</c> every DEL plugin receives). <see cref="Result"/> stays null
/// when ADD never finished; the plugins berth uses tolerate DEL without it.
/// </summary>
public sealed record CniAttachment(string Network, string IfName, JsonArray Plugins, JsonNode? Result = null)
{
    /// <summary>The network's id, so a network re-created under the same name is not mistaken for this one.</summary>
    public string? NetworkId { get; init; }

    /// <summary>The names peers resolve to this attachment's address (DNS-enabled networks): name, short id, aliases.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; }

    /// <summary>The aliases the user asked for (<c>--network-alias</c>), reported by inspect.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>The CNI loopback attachment records of earlier versions hold (now <c>lo</c> is set up in-process).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsLoopback => IfName == "lo" && Plugins.Count == 1 && Plugins[0]?["type"]?.GetValue<string>() == "loopback";
}
