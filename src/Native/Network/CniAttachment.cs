using System.Text.Json.Nodes;

namespace Berth.Native.Network;

/// <summary>
/// One CNI attachment of a sandbox, identified (spec §3) by the container id and
/// <see cref="IfName"/>: the plugin chain exactly as executed for ADD and, once ADD finished, its
/// final result (the <c>prevResult</c> every DEL plugin receives). <see cref="Result"/> stays null
/// when ADD never finished; the plugins berth uses tolerate DEL without it.
/// </summary>
public sealed record CniAttachment(string Network, string IfName, JsonArray Plugins, JsonNode? Result = null);
