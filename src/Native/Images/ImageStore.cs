using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// The host's images, content-addressed under <c>&lt;dataRoot&gt;/image/</c>: config blobs by digest
/// (<c>blobs/sha256/&lt;hex&gt;</c>; the image id is that digest), one record per image
/// (<c>images/&lt;hex&gt;.json</c>), the tag index (<c>repositories.json</c>, <c>name:tag</c> → id), and
/// which image each container's RW layer was made from (<c>containers/&lt;id&gt;.json</c>). Layers
/// live in the <see cref="LayerStore"/>, referenced by every image and container that uses them.
/// Every file is written atomically; reads use an immutable snapshot, writes are serialized.
/// On open it reconciles layer references with the images and containers that exist, so a crash
/// in the middle of a load or removal leaks nothing.
/// </summary>
public sealed partial class ImageStore : IImageStore
{
    private static readonly JsonSerializerOptions RecordJson = new() { WriteIndented = true };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private volatile ImageStoreState _state = ImageStoreState.Empty;

    private ImageStore(string dataRoot, TimeProvider clock)
    {
        _clock = clock;
        Layers = new LayerStore(dataRoot);
        Root = Path.Join(Path.GetDirectoryName(Layers.Root), "image");
        foreach (var dir in new[] { Root, BlobDir, RecordDir, ContainerDir }) Directory.CreateDirectory(dir);
        Posix.Chmod(Root, Posix.Mode700);
        LayerStore.DeleteTree(TempRoot);
    }

    /// <summary>Opens (creating if needed) the image store of <paramref name="dataRoot"/>, and reconciles it with its layers.</summary>
    public static ImageStore Open(string dataRoot, TimeProvider? clock = null)
    {
        var store = new ImageStore(dataRoot, clock ?? TimeProvider.System);
        store._state = store.ReadState();
        store.Reconcile();
        return store;
    }

    /// <summary>The canonical <c>&lt;dataRoot&gt;/image</c> directory.</summary>
    public string Root { get; }

    /// <summary>The layers the images are made of.</summary>
    public LayerStore Layers { get; }

    private string BlobDir => Path.Join(Root, "blobs", "sha256");
    private string RecordDir => Path.Join(Root, "images");
    private string ContainerDir => Path.Join(Root, "containers");
    private string TagFile => Path.Join(Root, "repositories.json");
    private string TempRoot => Path.Join(Root, "tmp");

    /// <summary>Every image, newest first (<c>docker images</c>).</summary>
    public IReadOnlyList<ImageSummary> List()
    {
        var state = _state;
        return state.Images.Values
            .OrderByDescending(i => i.Config.Created ?? i.Record.Loaded).ThenBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new ImageSummary(i.Id, state.TagsOf(i.Id), i.Config.Created, i.Record.Size,
                i.Config.Config?.Labels ?? ImmutableDictionary<string, string>.Empty, state.ContainersOf(i.Id).Count))
            .ToList();
    }

    /// <summary>One image in detail (<c>docker image inspect</c>); NotFound if the reference matches none.</summary>
    public ImageDetails Inspect(string reference)
    {
        var state = _state;
        var image = state.Resolve(reference).Image;
        return new ImageDetails(image.Id, state.TagsOf(image.Id), image.Config.Created, image.Record.Loaded, image.Record.Size,
            image.Config.Architecture, image.Config.Os, image.Config.Author, image.Config.Config ?? new ImageRunConfig(),
            image.Config.RootFs?.DiffIds ?? [], image.ChainIds, image.Config.History,
            image.ChainIds.Select(c => Layers.Get(c)?.Size ?? 0).ToList());
    }

    /// <summary>The full id (<c>sha256:…</c>) a reference names: id, tag, or unique id prefix.</summary>
    public string Resolve(string reference) => _state.Resolve(reference).Image.Id;

    /// <summary>Points <paramref name="target"/> (<c>name[:tag]</c>) at the image <paramref name="source"/> names.</summary>
    public void Tag(string source, string target)
    {
        var reference = ParseTag(target);
        _gate.Wait();
        try
        {
            var state = _state;
            var image = state.Resolve(source).Image;
            Publish(state with { Tags = state.Tags.SetItem(reference.Key, image.Id) }, tagsChanged: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The image ids containers were created from, by container id.</summary>
    public IReadOnlyDictionary<string, string> ContainerImages() =>
        _state.Containers.ToDictionary(c => c.Key, c => c.Value.ImageId);

    private static ImageReference ParseTag(string text)
    {
        var reference = ImageReference.Parse(text);
        return reference.Digest is null ? reference
            : throw new StorageException(StorageErrorKind.InvalidParameter, $"refusing to create a tag with a digest reference: \"{text}\"");
    }

    private void Publish(ImageStoreState state, bool tagsChanged)
    {
        if (tagsChanged) AtomicFile.WriteJson(TagFile, state.Tags, RecordJson);
        _state = state;
    }

    private string BlobPath(string hex) => Path.Join(BlobDir, hex);

    private string RecordPath(string hex) => Path.Join(RecordDir, hex + ".json");

    private string ContainerPath(string containerId) => Path.Join(ContainerDir, containerId + ".json");

    private ImageStoreState ReadState()
    {
        var images = ImmutableDictionary.CreateBuilder<string, StoredImage>();
        foreach (var file in Directory.EnumerateFiles(RecordDir, "*.json"))
        {
            var record = JsonSerializer.Deserialize<ImageRecord>(File.ReadAllBytes(file), RecordJson);
            if (record is null || !Digests.IsSha256(record.Id) || !File.Exists(BlobPath(Digests.Hex(record.Id)))) continue;
            var config = ImageJson.ParseConfig(File.ReadAllBytes(BlobPath(Digests.Hex(record.Id))));
            images[record.Id] = new StoredImage(record.Id, config, record, ChainId.Of(config.RootFs?.DiffIds ?? []));
        }
        var tags = File.Exists(TagFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(TagFile), RecordJson) ?? []
            : [];
        var containers = Directory.EnumerateFiles(ContainerDir, "*.json")
            .Select(f => JsonSerializer.Deserialize<ContainerImageRecord>(File.ReadAllBytes(f), RecordJson))
            .OfType<ContainerImageRecord>()
            .ToImmutableDictionary(c => c.ContainerId);
        return new ImageStoreState(images.ToImmutable(),
            tags.Where(t => images.ContainsKey(t.Value)).ToImmutableSortedDictionary(StringComparer.Ordinal), containers);
    }

    /// <summary>Re-takes the references every image and container should hold, then drops the rest.</summary>
    private void Reconcile()
    {
        var state = _state;
        var owners = state.Images.Values.Select(i => (i.LayerOwner, i.ChainIds))
            .Concat(state.Containers.Values.Select(c => (ContainerOwner(c.ContainerId), c.ChainIds)))
            .ToList();
        foreach (var (owner, chainIds) in owners)
            foreach (var chainId in chainIds.Where(c => Layers.Get(c) is not null))
                Layers.AddReference(chainId, owner);
        var live = owners.Select(o => o.Item1).ToHashSet(StringComparer.Ordinal);
        Layers.CollectGarbage(live.Contains);
    }

    private static string ContainerOwner(string containerId) => "container-" + containerId;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ContainerIdPattern();
}
