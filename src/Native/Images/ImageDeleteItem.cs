namespace Berth.Native.Images;

/// <summary>One line of an image removal, as the Engine API reports it: a tag removed, or an image or layer deleted.</summary>
public sealed record ImageDeleteItem(string? Untagged, string? Deleted)
{
    public static ImageDeleteItem UntaggedRef(string reference) => new(reference, null);

    public static ImageDeleteItem DeletedId(string id) => new(null, id);
}
