using System.Text.Json;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// Reads an OCI image-layout archive: <c>index.json</c> → manifests (through nested indexes, picking
/// this host's platform) → config and layer blobs under <c>blobs/sha256/</c>. Manifest and config
/// blobs are verified against their digests here; layer blobs when they are unpacked. Tags come
/// from <c>io.containerd.image.name</c> (what <c>docker save</c> writes) or from a
/// <c>org.opencontainers.image.ref.name</c> that is a full reference (what podman/skopeo write);
/// a bare tag like <c>latest</c> names no repository, so such an image loads untagged.
/// </summary>
internal static class OciLayoutReader
{
    public const string IndexName = "index.json";
    public const string LayoutName = "oci-layout";
    private const string ContainerdName = "io.containerd.image.name";
    private const string RefName = "org.opencontainers.image.ref.name";

    public static IReadOnlyList<ArchiveImage> Read(ArchiveStaging staging)
    {
        var index = Parse<Index>(staging.ReadAllBytes(IndexName), IndexName);
        var images = new List<ArchiveImage>();
        foreach (var descriptor in index.Manifests ?? []) Walk(staging, descriptor, TagsOf(descriptor), images, depth: 0);
        if (images.Count == 0)
            throw new StorageException(StorageErrorKind.InvalidParameter,
                $"the OCI archive holds no image for {HostPlatform.Os}/{HostPlatform.Architecture}");
        return images;
    }

    private static void Walk(ArchiveStaging staging, Descriptor descriptor, IReadOnlyList<string> tags, List<ArchiveImage> images, int depth)
    {
        if (depth > 4) throw new StorageException(StorageErrorKind.InvalidParameter, "OCI indexes nested too deep");
        var blob = ReadBlob(staging, descriptor.Digest);
        switch (descriptor.MediaType ?? SniffMediaType(blob))
        {
            case "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json":
                var nested = Parse<Index>(blob, descriptor.Digest).Manifests ?? [];
                var pick = nested.FirstOrDefault(m => m.Platform is { } p && p.Os == HostPlatform.Os && p.Architecture == HostPlatform.Architecture)
                    ?? nested.FirstOrDefault(m => m.Platform is null && IsManifest(m.MediaType));
                if (pick is not null) Walk(staging, pick, tags.Count > 0 ? tags : TagsOf(pick), images, depth + 1);
                return;
            case "application/vnd.oci.image.manifest.v1+json" or "application/vnd.docker.distribution.manifest.v2+json":
                var manifest = Parse<Manifest>(blob, descriptor.Digest);
                var config = manifest.Config ?? throw new StorageException(StorageErrorKind.InvalidParameter, $"manifest {descriptor.Digest} has no config");
                var layers = (manifest.Layers ?? []).Select(l => new ArchiveLayer(staging.PathOf(BlobName(l.Digest)), l.Digest)).ToList();
                images.Add(new ArchiveImage(ReadBlob(staging, config.Digest), layers, tags));
                return;
            default:
                return; // attestations, signatures and other artifacts are not images
        }
    }

    /// <summary>Descriptors may omit mediaType; the blob's own field, or its shape, tells then.</summary>
    private static string? SniffMediaType(byte[] blob)
    {
        try
        {
            using var json = JsonDocument.Parse(blob);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            if (json.RootElement.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String) return type.GetString();
            return json.RootElement.TryGetProperty("manifests", out _) ? "application/vnd.oci.image.index.v1+json"
                : json.RootElement.TryGetProperty("config", out _) ? "application/vnd.oci.image.manifest.v1+json"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsManifest(string? mediaType) =>
        mediaType is "application/vnd.oci.image.manifest.v1+json" or "application/vnd.docker.distribution.manifest.v2+json";

    private static IReadOnlyList<string> TagsOf(Descriptor descriptor)
    {
        var annotations = descriptor.Annotations;
        if (annotations is null) return [];
        if (annotations.TryGetValue(ContainerdName, out var full)) return [full];
        if (annotations.TryGetValue(RefName, out var reference) && reference.IndexOfAny([':', '/']) >= 0
            && ImageReference.TryParse(reference, out _, out _))
            return [reference];
        return [];
    }

    private static byte[] ReadBlob(ArchiveStaging staging, string digest)
    {
        var bytes = staging.ReadAllBytes(BlobName(digest));
        if (Digests.Sha256(bytes) != digest)
            throw new StorageException(StorageErrorKind.InvalidParameter, $"blob {digest} does not match its digest");
        return bytes;
    }

    internal static string BlobName(string digest) =>
        Digests.IsSha256(digest) ? "blobs/sha256/" + Digests.Hex(digest)
            : throw new StorageException(StorageErrorKind.InvalidParameter, $"unsupported or invalid digest \"{digest}\"");

    private static T Parse<T>(byte[] json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ImageJson.Options)
                ?? throw new StorageException(StorageErrorKind.InvalidParameter, $"{what} is null");
        }
        catch (JsonException e)
        {
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid {what}: {e.Message}", inner: e);
        }
    }

    private sealed record Index(List<Descriptor>? Manifests);

    private sealed record Manifest(Descriptor? Config, List<Descriptor>? Layers);

    private sealed record Descriptor(string? MediaType, string Digest, long Size, Dictionary<string, string>? Annotations, Platform? Platform);

    private sealed record Platform(string? Os, string? Architecture, string? Variant);
}
