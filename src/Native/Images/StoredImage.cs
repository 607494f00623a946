namespace Berth.Native.Images;

/// <summary>An image in the store's memory: its id, parsed config, record and layer ChainIDs (bottom first).</summary>
internal sealed record StoredImage(string Id, ImageConfigFile Config, ImageRecord Record, IReadOnlyList<string> ChainIds)
{
    public string Hex => Id[Storage.Digests.Prefix.Length..];

    /// <summary>The name of this image's references on its layers.</summary>
    public string LayerOwner => "image-" + Hex;
}
