using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

/// <summary>The host side of mounts: missing -v dirs made, a missing --mount source refused, a volume filled once from the image.</summary>
public sealed class MountPreparerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-mounts-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TaskSpec Spec(params TaskMount[] mounts) => new(["true"], [], "/", null, "h", false, false, Path.Combine(_root, "rootfs"), false, null, "crun", Mounts: mounts);

    [Fact]
    public void A_missing_bind_source_is_created_only_when_asked()
    {
        var made = Path.Combine(_root, "made");
        MountPreparer.Prepare(Spec(new TaskMount("/m", made) { CreateSource = true }));
        Assert.True(Directory.Exists(made));

        var error = Assert.Throws<RuntimeException>(() => MountPreparer.Prepare(Spec(new TaskMount("/m", Path.Combine(_root, "absent")))));
        Assert.Equal(RuntimeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("bind source path does not exist", error.Message);
    }

    [Fact]
    public void An_empty_volume_is_filled_from_the_image_once()
    {
        var image = Directory.CreateDirectory(Path.Combine(_root, "rootfs", "opt", "data", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(image, "a"), "A");
        File.CreateSymbolicLink(Path.Combine(image, "link"), "a");
        var volume = Path.Combine(_root, "vol");

        MountPreparer.Prepare(Spec(new TaskMount("/opt/data", volume) { CreateSource = true, CopyUp = true }));
        File.WriteAllText(Path.Combine(image, "later"), "L");
        File.Delete(Path.Combine(volume, "a"));
        MountPreparer.Prepare(Spec(new TaskMount("/opt/data", volume) { CreateSource = true, CopyUp = true }));

        Assert.True(Directory.Exists(Path.Combine(volume, "sub")));
        Assert.Equal("a", new FileInfo(Path.Combine(volume, "link")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(volume, "later")));
    }

    [Fact]
    public void A_symlink_out_of_the_rootfs_is_never_copied_from()
    {
        Directory.CreateDirectory(Path.Combine(_root, "rootfs"));
        Directory.CreateDirectory(Path.Combine(_root, "outside"));
        File.WriteAllText(Path.Combine(_root, "outside", "secret"), "S");
        File.CreateSymbolicLink(Path.Combine(_root, "rootfs", "escape"), Path.Combine(_root, "outside"));
        var volume = Path.Combine(_root, "vol");

        MountPreparer.Prepare(Spec(new TaskMount("/escape", volume) { CreateSource = true, CopyUp = true }));

        Assert.Empty(Directory.EnumerateFileSystemEntries(volume));
    }
}
