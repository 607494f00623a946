namespace Berth.Native.Images;

/// <summary>
/// A container's use of an image (<c>image/containers/&lt;id&gt;.json</c>): written before its layer
/// references are taken and removed after they are dropped, so the references can always be
/// found and released again. Keeps the ChainIDs so that a force-removed image's layers can still
/// be released by the container that outlived it.
/// </summary>
internal sealed record ContainerImageRecord(string ContainerId, string ImageId, IReadOnlyList<string> ChainIds);
