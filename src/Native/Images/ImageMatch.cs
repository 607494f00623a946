namespace Berth.Native.Images;

/// <summary>What a reference resolved to: the image, and the tag key if it was found by tag (not by id).</summary>
internal sealed record ImageMatch(StoredImage Image, string? TagKey);
