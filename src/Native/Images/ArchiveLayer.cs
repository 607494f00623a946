namespace Berth.Native.Images;

/// <summary>A layer blob staged from an archive; <see cref="Digest"/> is the digest its descriptor promises (OCI), if any.</summary>
internal sealed record ArchiveLayer(string Path, string? Digest);
