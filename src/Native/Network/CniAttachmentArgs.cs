namespace Berth.Native.Network;

/// <summary>
/// The per-attachment CNI parameters (spec §3 "Attachment Parameters"): CNI_CONTAINERID, CNI_NETNS
/// and CNI_IFNAME. <see cref="NetnsPath"/> may be null only for DEL (the namespace is gone).
/// </summary>
public sealed record CniAttachmentArgs(string ContainerId, string? NetnsPath, string IfName);
