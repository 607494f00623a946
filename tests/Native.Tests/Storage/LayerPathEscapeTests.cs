using Berth.Native.Storage;

namespace Berth.Native.Tests.Storage;

/// <summary>Hostile layer tars: every way out of the layer directory is refused and writes nothing outside it.</summary>
public sealed class LayerPathEscapeTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _root;
    private readonly string _outside;

    public LayerPathEscapeTests()
    {
        _root = _temp.Combine("layer", "diff");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Join(_outside, "passwd"), "original");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_dot_dot_entry_is_rejected()
    {
        var error = await RejectedAsync(new TarBuilder().File("../evil", "x"));

        Assert.Equal("../evil", error.EntryName);
        Assert.False(File.Exists(_temp.Combine("layer", "evil")));
    }

    [Fact]
    public async Task A_dot_dot_in_the_middle_is_rejected()
    {
        await RejectedAsync(new TarBuilder().Dir("a").File("a/../../evil", "x"));

        Assert.False(File.Exists(_temp.Combine("layer", "evil")));
    }

    [Fact]
    public async Task An_absolute_entry_is_rejected()
    {
        var error = await RejectedAsync(new TarBuilder().File("/abs/evil", "x"));

        Assert.Equal("/abs/evil", error.EntryName);
        Assert.False(Directory.Exists("/abs"));
    }

    [Fact]
    public async Task A_write_through_a_symlink_to_outside_is_rejected()
    {
        var error = await RejectedAsync(new TarBuilder().Symlink("x", "/etc").File("x/passwd", "root::0:0::/:/bin/sh"));

        Assert.Equal("x/passwd", error.EntryName);
        Assert.DoesNotContain("root::0:0::/", File.ReadAllText("/etc/passwd"));
    }

    [Fact]
    public async Task A_write_through_a_relative_symlink_that_climbs_out_is_rejected()
    {
        await RejectedAsync(new TarBuilder().Symlink("x", "../../outside").File("x/passwd", "evil"));

        Assert.Equal("original", File.ReadAllText(Path.Join(_outside, "passwd")));
    }

    [Fact]
    public async Task A_directory_entry_through_a_symlink_is_rejected()
    {
        await RejectedAsync(new TarBuilder().Symlink("x", _outside).Dir("x/sub"));

        Assert.False(Directory.Exists(Path.Join(_outside, "sub")));
    }

    [Fact]
    public async Task A_hard_link_to_outside_is_rejected()
    {
        var error = await RejectedAsync(new TarBuilder().HardLink("passwd", "../../etc/passwd"));

        Assert.Equal("passwd", error.EntryName);
        Assert.False(File.Exists(Path.Join(_root, "passwd")));
    }

    [Fact]
    public async Task A_hard_link_to_an_absolute_path_is_rejected()
    {
        await RejectedAsync(new TarBuilder().HardLink("shadow", "/etc/shadow"));

        Assert.False(File.Exists(Path.Join(_root, "shadow")));
    }

    [Fact]
    public async Task A_hard_link_through_a_symlink_is_rejected()
    {
        await RejectedAsync(new TarBuilder().Symlink("x", _outside).HardLink("stolen", "x/passwd"));

        Assert.False(File.Exists(Path.Join(_root, "stolen")));
    }

    [Fact]
    public async Task A_whiteout_through_a_symlink_is_rejected()
    {
        await RejectedAsync(new TarBuilder().Symlink("x", _outside).File("x/.wh.passwd", ""));

        Assert.Equal("original", File.ReadAllText(Path.Join(_outside, "passwd")));
    }

    [Fact]
    public async Task A_file_replacing_a_symlink_replaces_the_link_not_its_target()
    {
        using var stream = new MemoryStream(new TarBuilder().Symlink("passwd", Path.Join(_outside, "passwd")).File("passwd", "mine").Build());

        await LayerUnpacker.UnpackAsync(stream, _root, CancellationToken.None);

        Assert.Equal("original", File.ReadAllText(Path.Join(_outside, "passwd")));
        Assert.Equal("mine", File.ReadAllText(Path.Join(_root, "passwd")));
    }

    [Fact]
    public async Task A_rejected_layer_leaves_nothing_in_the_layer_store()
    {
        var store = new LayerStore(_temp.Combine("data"));
        var tar = new TarBuilder().File("ok", "fine").Symlink("x", "/etc").File("x/passwd", "evil").Build();

        await Assert.ThrowsAsync<UnsafeLayerEntryException>(() =>
            store.EnsureAsync(null, null, _ => Task.FromResult<Stream>(new MemoryStream(tar)), CancellationToken.None));

        Assert.Empty(store.List());
        Assert.Equal(["l"], Directory.EnumerateFileSystemEntries(store.Root).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Join(store.Root, "l")));
    }

    private async Task<UnsafeLayerEntryException> RejectedAsync(TarBuilder layer)
    {
        using var stream = new MemoryStream(layer.Build());
        var error = await Assert.ThrowsAsync<UnsafeLayerEntryException>(() => LayerUnpacker.UnpackAsync(stream, _root, CancellationToken.None));
        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        return error;
    }
}
