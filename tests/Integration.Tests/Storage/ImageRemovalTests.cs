using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Integration.Tests.Storage;

/// <summary><c>docker rmi</c> semantics and layer lifetime: layers go with the last image or container that uses them.</summary>
[Collection(StorageCollection.Name)]
public sealed class ImageRemovalTests(TestImagesFixture images) : IAsyncLifetime
{
    private const string Container = "c0ffee0000000000000000000000000000000000000000000000000000000002";
    private readonly StorageSandbox _sandbox = new();

    public async Task InitializeAsync() => await _sandbox.LoadAsync(images.DockerArchive);

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task Removing_the_last_image_that_uses_a_layer_deletes_it()
    {
        var appTop = _sandbox.Images.Inspect(images.AppId).ChainIds[1];

        var app = await _sandbox.Images.RemoveAsync("berth-test/app:1", force: false);

        Assert.Equal([new ImageDeleteItem("berth-test/app:1", null), ImageDeleteItem.DeletedId(images.AppId), ImageDeleteItem.DeletedId(appTop)], app);
        Assert.Null(_sandbox.Images.Layers.Get(appTop));
        Assert.False(Directory.Exists(Path.GetDirectoryName(_sandbox.Images.Layers.DiffDir(appTop))));
        Assert.NotNull(_sandbox.Images.Layers.Get(images.BaseDiffId)); // busybox still uses it

        var busybox = await _sandbox.Images.RemoveAsync("busybox", force: false);

        Assert.Equal([new ImageDeleteItem("busybox:latest", null), ImageDeleteItem.DeletedId(images.BusyboxId), ImageDeleteItem.DeletedId(images.BaseDiffId)], busybox);
        Assert.Empty(_sandbox.Images.List());
        Assert.Empty(_sandbox.Images.Layers.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Overlay, "l")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Images.Root, "blobs", "sha256")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Images.Root, "images")));
    }

    [Fact]
    public async Task Removing_one_of_several_tags_only_untags()
    {
        _sandbox.Images.Tag("busybox:latest", "mybox");

        var items = await _sandbox.Images.RemoveAsync("mybox", force: false);

        Assert.Equal([new ImageDeleteItem("mybox:latest", null)], items);
        Assert.Equal(["busybox:latest"], _sandbox.Images.Inspect(images.BusyboxId).RepoTags);
    }

    [Fact]
    public async Task Removing_by_id_an_image_with_several_tags_needs_force()
    {
        _sandbox.Images.Tag("busybox", "mybox:1");

        var refused = await Assert.ThrowsAsync<StorageException>(() => _sandbox.Images.RemoveAsync(images.BusyboxId[7..19], force: false));
        Assert.Equal(StorageErrorKind.Conflict, refused.Kind);
        Assert.Contains("referenced in multiple repositories", refused.Message);

        var items = await _sandbox.Images.RemoveAsync(images.BusyboxId[7..19], force: true);

        Assert.Equal(["busybox:latest", "mybox:1"], items.Where(i => i.Untagged is not null).Select(i => i.Untagged));
        Assert.Contains(ImageDeleteItem.DeletedId(images.BusyboxId), items);
    }

    [Fact]
    public async Task An_image_used_by_a_containers_rw_layer_is_not_removed_unless_forced()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);

        var refused = await Assert.ThrowsAsync<StorageException>(() => _sandbox.Images.RemoveAsync("busybox", force: false));
        Assert.Equal(StorageErrorKind.Conflict, refused.Kind);
        Assert.Contains(Container[..12], refused.Message);
        Assert.Equal(images.BusyboxId, _sandbox.Images.Resolve("busybox"));
        var byId = await Assert.ThrowsAsync<StorageException>(() => _sandbox.Images.RemoveAsync(images.BusyboxId, force: false));
        Assert.Equal(StorageErrorKind.Conflict, byId.Kind);
    }

    [Fact]
    public async Task A_forced_removal_keeps_the_layers_a_container_still_uses_until_it_goes()
    {
        await _sandbox.Images.RemoveAsync("berth-test/app:1", force: false);
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        var items = await _sandbox.Images.RemoveAsync("busybox", force: true);

        Assert.Equal([new ImageDeleteItem("busybox:latest", null), ImageDeleteItem.DeletedId(images.BusyboxId)], items);
        Assert.Empty(_sandbox.Images.List());
        Assert.Equal(["container-" + Container], _sandbox.Images.Layers.References(images.BaseDiffId));
        Assert.True(File.Exists(Path.Join(merged, "bin", "busybox")));

        await _sandbox.RwLayers.RemoveAsync(Container, CancellationToken.None);

        Assert.Empty(_sandbox.Images.Layers.List());
        Assert.Empty(_sandbox.MountsUnderRoot());
    }

    [Fact]
    public async Task Removing_an_unknown_image_is_not_found()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _sandbox.Images.RemoveAsync("nginx", force: true));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal("No such image: nginx", error.Message);
    }

    [Fact]
    public async Task Reopening_drops_references_of_images_that_no_longer_exist()
    {
        // A crash after an image's record was deleted but before its layer references were dropped.
        var appHex = images.AppId[7..];
        File.Delete(Path.Join(_sandbox.Images.Root, "images", appHex + ".json"));
        var appTop = _sandbox.Images.Inspect(images.AppId).ChainIds[1];

        _sandbox.Reopen();

        Assert.Null(_sandbox.Images.Layers.Get(appTop));
        Assert.Equal(["image-" + images.BusyboxId[7..]], _sandbox.Images.Layers.References(images.BaseDiffId));
        Assert.Equal([images.BusyboxId], _sandbox.Images.List().Select(i => i.Id));
        await Task.CompletedTask;
    }
}
