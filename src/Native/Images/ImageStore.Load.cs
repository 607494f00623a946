using System.Text.Json;
using Berth.Native.Storage;

namespace Berth.Native.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// Loads every image of a <c>docker save</c> archive (<c>manifest.json</c>) or an OCI
    /// image-layout archive (<c>oci-layout</c> + <c>index.json</c>), plain or gzip. Layers already
    /// unpacked (same ChainID) are not read again; tags the archive names are (re)pointed at the
    /// loaded images. The stream is read to its end and left open.
    /// </summary>
    public async Task<IReadOnlyList<LoadedImage>> LoadAsync(Stream archive, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(TempRoot);
        using var staging = await ArchiveStaging.StageAsync(archive, TempRoot, cancellationToken).ConfigureAwait(false);
        var images = staging.Contains(DockerArchiveReader.ManifestName) ? DockerArchiveReader.Read(staging)
            : staging.Contains(OciLayoutReader.IndexName) ? OciLayoutReader.Read(staging)
            : throw new StorageException(StorageErrorKind.InvalidParameter,
                "not an image archive: it has neither manifest.json (docker save) nor oci-layout/index.json (OCI layout)");
        var tagged = images.Select(i => (Image: i, Tags: i.Tags.Select(ParseTag).ToList())).ToList();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = new List<LoadedImage>();
            foreach (var (image, tags) in tagged)
                loaded.Add(await StoreAsync(image, tags, cancellationToken).ConfigureAwait(false));
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes a one-layer image from a root file-system tar (plain or gzip; <c>docker import</c>) with
    /// an empty run config, optionally tagged. The stream is read to its end and left open.
    /// </summary>
    public async Task<LoadedImage> ImportAsync(Stream rootfsTar, string? tag, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ImageReference> tags = tag is null ? [] : [ParseTag(tag)];
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var layer = await Layers.EnsureAsync(null, null, _ => Task.FromResult(rootfsTar), cancellationToken, leaveOpen: true)
                .ConfigureAwait(false);
            var now = _clock.GetUtcNow();
            var config = new ImageConfigFile
            {
                Architecture = HostPlatform.Architecture,
                Os = HostPlatform.Os,
                Created = now,
                Config = new ImageRunConfig(),
                RootFs = new ImageRootFs { DiffIds = [layer.DiffId] },
                History = [new ImageHistory { Created = now, Comment = "Imported from -" }],
            };
            return Commit(JsonSerializer.SerializeToUtf8Bytes(config, ImageJson.Options), config, [layer.ChainId], tags);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<LoadedImage> StoreAsync(ArchiveImage image, IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        var config = ImageJson.ParseConfig(image.Config);
        var diffIds = config.RootFs?.DiffIds ?? [];
        if (diffIds.Count != image.Layers.Count)
            throw new StorageException(StorageErrorKind.InvalidParameter,
                $"image config lists {diffIds.Count} layers but the archive gives {image.Layers.Count}");
        if (diffIds.FirstOrDefault(d => !Digests.IsSha256(d)) is { } bad)
            throw new StorageException(StorageErrorKind.InvalidParameter, $"image config has an invalid DiffID \"{bad}\"");
        var chainIds = new List<string>();
        string? parent = null;
        for (var i = 0; i < diffIds.Count; i++)
        {
            var layer = image.Layers[i];
            var info = await Layers.EnsureAsync(parent, diffIds[i], token => OpenLayerAsync(layer, token), cancellationToken)
                .ConfigureAwait(false);
            chainIds.Add(parent = info.ChainId);
        }
        return Commit(image.Config, config, chainIds, tags);
    }

    private static async Task<Stream> OpenLayerAsync(ArchiveLayer layer, CancellationToken cancellationToken)
    {
        if (layer.Digest is not null && await Digests.Sha256FileAsync(layer.Path, cancellationToken).ConfigureAwait(false) != layer.Digest)
            throw new StorageException(StorageErrorKind.InvalidParameter, $"layer blob {layer.Digest} does not match its digest");
        return File.OpenRead(layer.Path);
    }

    /// <summary>Stores the config blob, takes the image's layer references, writes its record, points the tags. Under the gate.</summary>
    private LoadedImage Commit(byte[] configBytes, ImageConfigFile config, IReadOnlyList<string> chainIds, IReadOnlyList<ImageReference> tags)
    {
        var id = Digests.Sha256(configBytes);
        var hex = Digests.Hex(id);
        if (!File.Exists(BlobPath(hex))) AtomicFile.Write(BlobPath(hex), configBytes);
        var state = _state;
        if (!state.Images.TryGetValue(id, out var image))
        {
            var size = chainIds.Sum(c => Layers.Get(c)?.Size ?? 0);
            image = new StoredImage(id, config, new ImageRecord(id, _clock.GetUtcNow(), size), chainIds);
        }
        foreach (var chainId in chainIds) Layers.AddReference(chainId, image.LayerOwner);
        AtomicFile.WriteJson(RecordPath(hex), image.Record, RecordJson);
        var tagIndex = tags.Aggregate(state.Tags, (index, tag) => index.SetItem(tag.Key, id));
        Publish(state with { Images = state.Images.SetItem(id, image), Tags = tagIndex }, tagsChanged: tags.Count > 0);
        return new LoadedImage(id, tags.Select(t => t.Key).Distinct().ToList());
    }
}
