using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Integration.Tests.Storage;

/// <summary>Loading docker-archive and OCI-layout tars and importing a rootfs, on the real file system.</summary>
[Collection(StorageCollection.Name)]
public sealed class ImageLoadTests(TestImagesFixture images) : IAsyncLifetime
{
    private readonly StorageSandbox _sandbox = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task A_docker_archive_loads_both_images_with_their_tags_and_configs()
    {
        var loaded = await _sandbox.LoadAsync(images.DockerArchive);

        Assert.Equal([(images.BusyboxId, "busybox:latest"), (images.AppId, "berth-test/app:1")],
            loaded.Select(l => (l.Id, Assert.Single(l.Tags))));
        var list = _sandbox.Images.List();
        Assert.Equal(2, list.Count);
        Assert.Contains(list, i => i.Id == images.AppId && i.RepoTags.SequenceEqual(["berth-test/app:1"]) && i.Size > 1_000_000);

        var busybox = _sandbox.Images.Inspect("busybox");
        Assert.Equal(images.BusyboxId, busybox.Id);
        Assert.Equal(["sh"], busybox.Config.Cmd);
        Assert.Equal("/", busybox.Config.WorkingDir);
        Assert.Contains(busybox.Config.Env!, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Equal([images.BaseDiffId], busybox.DiffIds);
        Assert.Equal([images.BaseDiffId], busybox.ChainIds);

        var app = _sandbox.Images.Inspect("berth-test/app:1");
        Assert.Equal(["/bin/sh", "-c"], app.Config.Entrypoint);
        Assert.Equal(["echo from-image"], app.Config.Cmd);
        Assert.Equal("app", app.Config.User);
        Assert.Contains("FOO=bar", app.Config.Env!);
        Assert.Equal(["8080/tcp"], app.Config.ExposedPorts);
        Assert.Equal(["/data"], app.Config.Volumes);
        Assert.Equal("app", app.Config.Labels!["org.berth.test"]);
        Assert.Equal("SIGUSR1", app.Config.StopSignal);
        Assert.Equal(["CMD-SHELL", "true"], app.Config.Healthcheck!.Test);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), app.Created);
        Assert.Equal([images.BaseDiffId, images.AppDiffId], app.DiffIds);
        Assert.Equal(ChainId.Of([images.BaseDiffId, images.AppDiffId]), app.ChainIds);
    }

    [Fact]
    public async Task An_oci_archive_loads_the_same_images_tagged_from_their_annotations()
    {
        var loaded = await _sandbox.LoadAsync(images.OciArchive);

        // busybox is named by io.containerd.image.name, the app by a full org.opencontainers.image.ref.name.
        Assert.Equal([(images.BusyboxId, "busybox:latest"), (images.AppId, "berth-test/app:1")],
            loaded.Select(l => (l.Id, Assert.Single(l.Tags))));
        Assert.Equal(images.AppId, _sandbox.Images.Resolve("berth-test/app:1"));
        Assert.Equal("/app", _sandbox.Images.Inspect(images.AppId).Config.WorkingDir);
        // The gzip base blob unpacks to the same DiffID as the docker archive's plain tar.
        Assert.Equal([images.BaseDiffId], _sandbox.Images.Inspect("busybox").DiffIds);
    }

    [Fact]
    public async Task Loading_again_unpacks_no_layer_twice_and_shares_the_base_layer()
    {
        await _sandbox.LoadAsync(images.DockerArchive);
        var layers = _sandbox.Images.Layers;
        var baseDir = layers.DiffDir(images.BaseDiffId);
        var sentinel = Path.Join(Path.GetDirectoryName(baseDir), "sentinel");
        await File.WriteAllTextAsync(sentinel, "first unpack");

        await _sandbox.LoadAsync(images.DockerArchive);
        await _sandbox.LoadAsync(images.OciArchive);

        Assert.Equal(2, layers.List().Count);
        Assert.True(File.Exists(sentinel));
        Assert.True(File.Exists(Path.Join(baseDir, "bin", "busybox")));
        Assert.Equal(new[] { "image-" + images.AppId[7..], "image-" + images.BusyboxId[7..] }.Order(StringComparer.Ordinal),
            layers.References(images.BaseDiffId));
        var appTop = _sandbox.Images.Inspect(images.AppId).ChainIds[1];
        Assert.Equal(["image-" + images.AppId[7..]], layers.References(appTop));
        Assert.Equal(2, _sandbox.Images.List().Count);
    }

    [Fact]
    public async Task Unpacked_layers_are_in_overlay_form()
    {
        await _sandbox.LoadAsync(images.DockerArchive);
        var top = _sandbox.Images.Layers.DiffDir(_sandbox.Images.Inspect(images.AppId).ChainIds[1]);

        var whiteout = Posix.Lstat(Path.Join(top, "etc", "motd"))!;
        Assert.Equal((Posix.CharDevice, 0u, 0u), (whiteout.Type, whiteout.Major, whiteout.Minor));
        Assert.Equal("y"u8.ToArray(), Posix.GetXattr(Path.Join(top, "opt", "data"), "trusted.overlay.opaque"));
        Assert.Equal(1000u, Posix.Lstat(Path.Join(top, "app", "hello.txt"))!.Uid);
        var baseDir = _sandbox.Images.Layers.DiffDir(images.BaseDiffId);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Join(baseDir, "bin", "sh")).LinkTarget);
        Assert.Equal(0b1_111_111_111u, Posix.Lstat(Path.Join(baseDir, "tmp"))!.Permissions); // 1777
    }

    [Fact]
    public async Task A_rootfs_tar_imports_as_a_one_layer_image_with_an_empty_config()
    {
        LoadedImage imported;
        await using (var tar = File.OpenRead(images.RootfsTar))
            imported = await _sandbox.Images.ImportAsync(tar, "imported:1");

        Assert.Equal(["imported:1"], imported.Tags);
        var details = _sandbox.Images.Inspect("imported:1");
        Assert.Equal(imported.Id, details.Id);
        Assert.Null(details.Config.Cmd);
        Assert.Null(details.Config.Env);
        Assert.Equal("linux", details.Os);
        var diffId = await Digests.Sha256FileAsync(images.RootfsTar, CancellationToken.None);
        Assert.Equal([diffId], details.DiffIds);
        Assert.True(File.Exists(Path.Join(_sandbox.Images.Layers.DiffDir(diffId), "bin", "busybox")));
    }

    [Fact]
    public async Task A_gzip_compressed_archive_loads()
    {
        var gz = Path.Join(_sandbox.DataRoot, "docker.tar.gz");
        await using (var source = File.OpenRead(images.DockerArchive))
        await using (var target = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
            await source.CopyToAsync(target);

        var loaded = await _sandbox.LoadAsync(gz);

        Assert.Equal(2, loaded.Count);
    }

    [Fact]
    public async Task A_tar_that_is_no_image_archive_is_an_invalid_parameter()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _sandbox.LoadAsync(images.RootfsTar));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Empty(_sandbox.Images.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Images.Root, "tmp")));
    }

    [Fact]
    public async Task A_reopened_store_has_the_same_images_tags_and_references()
    {
        await _sandbox.LoadAsync(images.DockerArchive);
        _sandbox.Images.Tag("busybox", "mybox:v1");

        _sandbox.Reopen();

        Assert.Equal(images.BusyboxId, _sandbox.Images.Resolve("mybox:v1"));
        Assert.Equal(["busybox:latest", "mybox:v1"], _sandbox.Images.Inspect("busybox").RepoTags);
        Assert.Equal(2, _sandbox.Images.Layers.References(images.BaseDiffId).Count);
    }
}
