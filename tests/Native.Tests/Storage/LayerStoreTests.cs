using Berth.Native.Storage;

namespace Berth.Native.Tests.Storage;

/// <summary>Layers unpacked once per ChainID, kept while referenced, deleted with the last reference.</summary>
public sealed class LayerStoreTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly LayerStore _store;
    private readonly byte[] _layer = new TarBuilder().Dir("etc").File("etc/os-release", "berth").Build();

    public LayerStoreTests() => _store = new LayerStore(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private string DiffId => Digests.Sha256(_layer);

    [Fact]
    public async Task A_layer_is_unpacked_under_its_chain_id_with_a_short_link()
    {
        var layer = await EnsureAsync(DiffId);

        Assert.Equal(DiffId, layer.ChainId);
        Assert.Equal(Path.Join(_store.Root, DiffId[7..], "diff"), _store.DiffDir(DiffId));
        Assert.Equal("berth", File.ReadAllText(Path.Join(_store.DiffDir(DiffId), "etc", "os-release")));
        Assert.Equal(26, layer.Link.Length);
        Assert.Equal(File.ReadAllText(Path.Join(_store.DiffDir(DiffId), "etc", "os-release")),
            File.ReadAllText(Path.Join(_store.LowerDir(layer), "etc", "os-release")));
        Assert.Equal(layer, _store.Get(DiffId));
    }

    [Fact]
    public async Task A_layer_already_unpacked_is_not_read_again()
    {
        await EnsureAsync(DiffId);
        var opened = false;

        var again = await _store.EnsureAsync(null, DiffId, _ => { opened = true; throw new InvalidOperationException(); }, CancellationToken.None);

        Assert.False(opened);
        Assert.Equal(DiffId, again.ChainId);
    }

    [Fact]
    public async Task A_layer_on_a_parent_is_named_by_the_chain_id()
    {
        var parent = Digests.Sha256("parent");

        var layer = await EnsureAsync(DiffId, parent);

        Assert.Equal(ChainId.Next(parent, DiffId), layer.ChainId);
        Assert.Equal(parent, layer.Parent);
    }

    [Fact]
    public async Task Content_that_does_not_match_the_expected_diff_id_is_refused_and_nothing_is_kept()
    {
        var wrong = Digests.Sha256("something else");

        var error = await Assert.ThrowsAsync<StorageException>(() => EnsureAsync(wrong));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Contains("DiffID", error.Message);
        Assert.Empty(_store.List());
        Assert.Equal(["l"], Directory.EnumerateFileSystemEntries(_store.Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_import_computes_the_diff_id_from_the_tar()
    {
        var layer = await _store.EnsureAsync(null, null, _ => Task.FromResult<Stream>(new MemoryStream(_layer)), CancellationToken.None);

        Assert.Equal(DiffId, layer.DiffId);
    }

    [Fact]
    public async Task The_last_reference_dropped_deletes_the_layer_and_its_link()
    {
        var layer = await EnsureAsync(DiffId);
        _store.AddReference(DiffId, "image-a");
        _store.AddReference(DiffId, "image-a");
        _store.AddReference(DiffId, "container-b");

        Assert.Equal(["container-b", "image-a"], _store.References(DiffId));
        Assert.False(_store.RemoveReference(DiffId, "image-a"));
        Assert.True(_store.RemoveReference(DiffId, "container-b"));

        Assert.Null(_store.Get(DiffId));
        Assert.False(File.Exists(_store.LowerDir(layer)));
        Assert.False(_store.RemoveReference(DiffId, "container-b"));
    }

    [Fact]
    public void A_reference_to_a_missing_layer_is_not_found()
    {
        var error = Assert.Throws<StorageException>(() => _store.AddReference(DiffId, "image-a"));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Garbage_collection_drops_dead_owners_and_unreferenced_layers()
    {
        await EnsureAsync(DiffId);
        var other = new TarBuilder().File("x", "y").Build();
        var kept = await _store.EnsureAsync(null, null, _ => Task.FromResult<Stream>(new MemoryStream(other)), CancellationToken.None);
        _store.AddReference(DiffId, "image-gone");
        _store.AddReference(kept.ChainId, "image-live");
        _store.AddReference(kept.ChainId, "container-gone");

        var deleted = _store.CollectGarbage(owner => owner == "image-live");

        Assert.Equal([DiffId], deleted);
        Assert.Equal(["image-live"], _store.References(kept.ChainId));
    }

    [Fact]
    public async Task Reopening_sweeps_temporary_directories_and_dangling_links()
    {
        await EnsureAsync(DiffId);
        Directory.CreateDirectory(Path.Join(_store.Root, ".tmp-crashed", "diff"));
        File.CreateSymbolicLink(Path.Join(_store.Root, "l", "DANGLING"), "../nothing/diff");

        var reopened = new LayerStore(_temp.Path);

        Assert.False(Directory.Exists(Path.Join(reopened.Root, ".tmp-crashed")));
        Assert.False(File.Exists(Path.Join(reopened.Root, "l", "DANGLING")) || Directory.Exists(Path.Join(reopened.Root, "l", "DANGLING")));
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.Join(reopened.Root, "l")));
        Assert.NotNull(reopened.Get(DiffId));
    }

    private Task<LayerInfo> EnsureAsync(string diffId, string? parent = null) =>
        _store.EnsureAsync(parent, diffId, _ => Task.FromResult<Stream>(new MemoryStream(_layer)), CancellationToken.None);
}
