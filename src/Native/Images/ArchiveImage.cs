namespace Berth.Native.Images;

/// <summary>
/// One image found in a load archive, in either format: its config blob's bytes, its layer blobs
/// (bottom first) and the tags the archive gives it.
/// </summary>
internal sealed record ArchiveImage(byte[] Config, IReadOnlyList<ArchiveLayer> Layers, IReadOnlyList<string> Tags);
