namespace Berth.Native.Network;

/// <summary>
/// What a sandbox holds, written to <c>&lt;dataRoot&gt;/network/sandboxes/&lt;id&gt;.json</c> BEFORE
/// any resource is acquired (the intent) and rewritten after each CNI ADD (the fact). Release
/// derives everything from it: the DELs to run, the namespace to remove. Version 1.
/// </summary>
/// <param name="Mode">"bridge" or "none" (host and container: modes hold nothing and write no record).</param>
/// <param name="NetnsPath">The bind-mounted namespace file; it may not exist yet or any more.</param>
/// <param name="Ports">The published ports with their chosen host ports (also the port reservations).</param>
public sealed record SandboxRecord(
    int Version,
    string ContainerId,
    string Mode,
    string NetnsPath,
    IReadOnlyList<SandboxPort> Ports,
    IReadOnlyList<CniAttachment> Attachments)
{
    /// <summary>The container's name when the sandbox was made (for network inspect's Containers).</summary>
    public string? ContainerName { get; init; }

    /// <summary>
    /// The attachments to networks. Records written before <c>lo</c> was brought up in-process begin
    /// with a CNI loopback attachment; it is no network, and it goes with the namespace.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<CniAttachment> NetworkAttachments => Attachments.Where(a => !a.IsLoopback);
}
