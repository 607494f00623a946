using System.Diagnostics;
using Berth.Native.Storage;

namespace Berth.Integration.Tests.Storage;

/// <summary>A container's init + RW layers on overlayfs, mounted for real.</summary>
[Collection(StorageCollection.Name)]
public sealed class RwLayerTests(TestImagesFixture images) : IAsyncLifetime
{
    private const string Container = "c0ffee0000000000000000000000000000000000000000000000000000000001";
    private readonly StorageSandbox _sandbox = new();

    public async Task InitializeAsync() => await _sandbox.LoadAsync(images.DockerArchive);

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task Create_makes_the_init_layer_the_container_dirs_and_the_lower_file()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "berth-test/app:1", CancellationToken.None);

        var init = Path.Join(_sandbox.RwLayers.InitDir(Container), "diff");
        foreach (var dir in new[] { "dev/pts", "dev/shm", "proc", "sys", "etc" })
            Assert.Equal(Posix.Directory, Posix.FileType(Path.Join(init, dir)));
        foreach (var file in new[] { ".dockerenv", "etc/resolv.conf", "etc/hosts", "etc/hostname", "dev/console" })
            Assert.Equal(Posix.Regular, Posix.FileType(Path.Join(init, file)));
        Assert.Equal("/proc/mounts", new FileInfo(Path.Join(init, "etc/mtab")).LinkTarget);
        var dir0 = _sandbox.RwLayers.ContainerDir(Container);
        Assert.All(new[] { "diff", "work", "merged" }, d => Assert.True(Directory.Exists(Path.Join(dir0, d))));

        var lower = File.ReadAllText(Path.Join(dir0, "lower")).Split(':');
        var layers = _sandbox.Images.Layers;
        var app = _sandbox.Images.Inspect("berth-test/app:1");
        Assert.Equal(
            new[] { File.ReadAllText(Path.Join(_sandbox.RwLayers.InitDir(Container), "link")) }
                .Concat(app.ChainIds.Reverse().Select(c => layers.Get(c)!.Link))
                .Select(l => "l/" + l),
            lower);
        Assert.Contains("container-" + Container, layers.References(app.ChainIds[0]));
    }

    [Fact]
    public async Task The_mounted_rootfs_merges_image_init_and_rw_layers()
    {
        await _sandbox.RwLayers.CreateAsync(Container, images.AppId, CancellationToken.None);

        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        Assert.Equal(_sandbox.RwLayers.MergedDir(Container), merged);
        Assert.True(Mounts.IsMountPoint(merged));
        Assert.True(File.Exists(Path.Join(merged, "bin", "busybox")));
        Assert.True(File.Exists(Path.Join(merged, ".dockerenv")));
        Assert.False(File.Exists(Path.Join(merged, "etc", "motd")));           // whited out by the app layer
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Join(merged, "opt", "data")).Select(Path.GetFileName));
        Assert.Equal("hello from the app layer\n", File.ReadAllText(Path.Join(merged, "app", "hello.txt")));
        Assert.Contains("app:x:1000:1000", File.ReadAllText(Path.Join(merged, "etc", "passwd")));
    }

    [Fact]
    public async Task Writes_in_the_rootfs_land_in_the_containers_diff_only()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        await File.WriteAllTextAsync(Path.Join(merged, "written.txt"), "hi");
        File.Delete(Path.Join(merged, "etc", "motd"));

        var diff = Path.Join(_sandbox.RwLayers.ContainerDir(Container), "diff");
        Assert.Equal("hi", File.ReadAllText(Path.Join(diff, "written.txt")));
        Assert.Equal(Posix.CharDevice, Posix.FileType(Path.Join(diff, "etc", "motd")));   // overlay's own whiteout
        var image = _sandbox.Images.Layers.DiffDir(images.BaseDiffId);
        Assert.False(File.Exists(Path.Join(image, "written.txt")));
        Assert.True(File.Exists(Path.Join(image, "etc", "motd")));
    }

    [Fact]
    public async Task A_program_runs_chrooted_in_the_mounted_rootfs()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        using var chroot = Process.Start(new ProcessStartInfo("chroot", [merged, "/bin/sh", "-c", "id -un; cat /etc/hostname; ls /opt/data"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = await chroot.StandardOutput.ReadToEndAsync();
        await chroot.WaitForExitAsync();

        Assert.Equal(0, chroot.ExitCode);
        Assert.Equal("root\nold1\nold2\n", output);
    }

    [Fact]
    public async Task Mount_and_unmount_are_idempotent_and_unmount_leaves_no_mount()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);

        var first = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);
        var second = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Single(MountInfo.ReadAll(), m => m.MountPoint == first);

        await _sandbox.RwLayers.UnmountAsync(Container, CancellationToken.None);
        await _sandbox.RwLayers.UnmountAsync(Container, CancellationToken.None);

        Assert.DoesNotContain(MountInfo.ReadAll(), m => m.MountPoint == first);
        Assert.Empty(_sandbox.MountsUnderRoot());
    }

    [Fact]
    public async Task A_busy_mount_is_detached_lazily()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        await using (File.OpenRead(Path.Join(merged, "etc", "passwd"))) // keeps the mount busy
            await _sandbox.RwLayers.UnmountAsync(Container, CancellationToken.None);

        Assert.False(Mounts.IsMountPoint(merged));
    }

    [Fact]
    public async Task Remove_unmounts_deletes_the_dirs_and_drops_the_layer_references()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        await _sandbox.RwLayers.RemoveAsync(Container, CancellationToken.None);
        await _sandbox.RwLayers.RemoveAsync(Container, CancellationToken.None);

        Assert.Empty(_sandbox.MountsUnderRoot());
        Assert.False(Directory.Exists(_sandbox.RwLayers.ContainerDir(Container)));
        Assert.False(Directory.Exists(_sandbox.RwLayers.InitDir(Container)));
        Assert.DoesNotContain("container-" + Container, _sandbox.Images.Layers.References(images.BaseDiffId));
        Assert.All(Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Overlay, "l")), l => Assert.True(Directory.Exists(l)));
        Assert.Equal(2, Directory.EnumerateFileSystemEntries(Path.Join(_sandbox.Overlay, "l")).Count());
    }

    [Fact]
    public async Task Create_is_idempotent()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var lower = File.ReadAllText(Path.Join(_sandbox.RwLayers.ContainerDir(Container), "lower"));

        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);

        Assert.Equal(lower, File.ReadAllText(Path.Join(_sandbox.RwLayers.ContainerDir(Container), "lower")));
    }

    [Fact]
    public async Task Create_from_an_unknown_image_is_not_found_and_leaves_nothing()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _sandbox.RwLayers.CreateAsync(Container, "nginx", CancellationToken.None));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.False(Directory.Exists(_sandbox.RwLayers.ContainerDir(Container)));
    }

    [Fact]
    public async Task A_mount_survives_a_store_reopen_and_is_recognised()
    {
        await _sandbox.RwLayers.CreateAsync(Container, "busybox", CancellationToken.None);
        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        _sandbox.Reopen(); // a restarted daemon: live-restore keeps the mount

        Assert.Equal(merged, await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None));
        Assert.Single(MountInfo.ReadAll(), m => m.MountPoint == merged);
        Assert.Contains("container-" + Container, _sandbox.Images.Layers.References(images.BaseDiffId));
    }
}
