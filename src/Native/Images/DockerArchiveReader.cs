using System.Text.Json;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// Reads a <c>docker save</c> archive: <c>manifest.json</c> lists, per image, its config file, its
/// layer tars (bottom first) and its RepoTags. The legacy <c>repositories</c> file adds nothing and
/// is ignored; layers are checked against the config's DiffIDs when unpacked.
/// </summary>
internal static class DockerArchiveReader
{
    public const string ManifestName = "manifest.json";

    public static IReadOnlyList<ArchiveImage> Read(ArchiveStaging staging)
    {
        List<Entry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<Entry>>(staging.ReadAllBytes(ManifestName), ImageJson.Options);
        }
        catch (JsonException e)
        {
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid {ManifestName}: {e.Message}", inner: e);
        }
        if (entries is null || entries.Count == 0)
            throw new StorageException(StorageErrorKind.InvalidParameter, $"{ManifestName} lists no image");
        return entries.Select(entry => new ArchiveImage(
                staging.ReadAllBytes(entry.Config ?? throw new StorageException(StorageErrorKind.InvalidParameter, $"{ManifestName}: an image has no Config")),
                (entry.Layers ?? []).Select(layer => new ArchiveLayer(staging.PathOf(layer), null)).ToList(),
                entry.RepoTags ?? []))
            .ToList();
    }

    private sealed record Entry(string? Config, List<string>? RepoTags, List<string>? Layers);
}
