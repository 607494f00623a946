using System.Security.Cryptography;
using Berth.Native.Storage;

namespace Berth.Native.Tests.Storage;

/// <summary>Unpacking layer tars into overlay form (runs as root: device nodes, ownership, trusted xattrs).</summary>
public sealed class LayerUnpackerTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _root;

    public LayerUnpackerTests()
    {
        _root = _temp.Combine("diff");
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_whiteout_file_becomes_a_0_0_character_device()
    {
        await UnpackAsync(new TarBuilder().Dir("etc").File("etc/.wh.motd", "", uid: 7, gid: 8));

        var status = Posix.Lstat(Path.Join(_root, "etc/motd"));
        Assert.NotNull(status);
        Assert.Equal(Posix.CharDevice, status.Type);
        Assert.Equal((0u, 0u), (status.Major, status.Minor));
        Assert.Equal((7u, 8u), (status.Uid, status.Gid));
        Assert.False(File.Exists(Path.Join(_root, "etc/.wh.motd")));
    }

    [Fact]
    public async Task An_opaque_marker_sets_trusted_overlay_opaque_on_its_directory()
    {
        await UnpackAsync(new TarBuilder().Dir("opt").Dir("opt/data").File("opt/data/.wh..wh..opq", "").File("opt/data/new", "new"));

        Assert.Equal("y"u8.ToArray(), Posix.GetXattr(Path.Join(_root, "opt/data"), "trusted.overlay.opaque"));
        Assert.Null(Posix.GetXattr(Path.Join(_root, "opt"), "trusted.overlay.opaque"));
        Assert.Equal(["new"], Directory.EnumerateFileSystemEntries(Path.Join(_root, "opt/data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_opaque_marker_before_its_directory_entry_keeps_the_xattr()
    {
        await UnpackAsync(new TarBuilder().File("data/.wh..wh..opq", "").Dir("data", uid: 1000));

        Assert.Equal("y"u8.ToArray(), Posix.GetXattr(Path.Join(_root, "data"), "trusted.overlay.opaque"));
        Assert.Equal(1000u, Posix.Lstat(Path.Join(_root, "data"))!.Uid);
    }

    [Fact]
    public async Task Ownership_modes_with_set_id_bits_and_mtimes_are_kept()
    {
        var modified = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        await UnpackAsync(new TarBuilder()
            .Dir("bin", (UnixFileMode)0b111_101_000, uid: 2, gid: 3)
            .File("bin/su", "x", (UnixFileMode)0b100_111_101_101, uid: 0, gid: 0, modified: modified)
            .File("bin/app", "y", (UnixFileMode)0b111_000_000, uid: 1000, gid: 1000));

        var su = Posix.Lstat(Path.Join(_root, "bin/su"))!;
        Assert.Equal(0b100_111_101_101u, su.Permissions); // 04755
        Assert.Equal(modified, su.Modified);
        var app = Posix.Lstat(Path.Join(_root, "bin/app"))!;
        Assert.Equal((1000u, 1000u, 0b111_000_000u), (app.Uid, app.Gid, app.Permissions));
        var bin = Posix.Lstat(Path.Join(_root, "bin"))!;
        Assert.Equal((2u, 3u, 0b111_101_000u), (bin.Uid, bin.Gid, bin.Permissions));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), bin.Modified); // set after its children were written
    }

    [Fact]
    public async Task Symlinks_keep_their_target_text_absolute_or_not()
    {
        await UnpackAsync(new TarBuilder().Dir("bin").Symlink("bin/sh", "/bin/busybox").Symlink("up", "../../../etc"));

        Assert.Equal("/bin/busybox", new FileInfo(Path.Join(_root, "bin/sh")).LinkTarget);
        Assert.Equal("../../../etc", new FileInfo(Path.Join(_root, "up")).LinkTarget);
    }

    [Fact]
    public async Task Hard_links_share_one_inode()
    {
        await UnpackAsync(new TarBuilder().Dir("bin").File("bin/busybox", "elf").HardLink("bin/sh", "bin/busybox"));

        var original = Posix.Lstat(Path.Join(_root, "bin/busybox"))!;
        var link = Posix.Lstat(Path.Join(_root, "bin/sh"))!;
        Assert.Equal(original.Inode, link.Inode);
        Assert.Equal(2ul, link.Links);
    }

    [Fact]
    public async Task Device_nodes_and_fifos_are_created()
    {
        await UnpackAsync(new TarBuilder().Dir("dev").CharDevice("dev/null", 1, 3).CharDevice("dev/big", 300, 70000).Fifo("dev/pipe"));

        var nul = Posix.Lstat(Path.Join(_root, "dev/null"))!;
        Assert.Equal((Posix.CharDevice, 1u, 3u, 0b110_110_110u), (nul.Type, nul.Major, nul.Minor, nul.Permissions));
        var big = Posix.Lstat(Path.Join(_root, "dev/big"))!;
        Assert.Equal((300u, 70000u), (big.Major, big.Minor));
        Assert.Equal(Posix.Fifo, Posix.Lstat(Path.Join(_root, "dev/pipe"))!.Type);
    }

    [Fact]
    public async Task A_gzip_layer_is_recognised_and_its_diff_id_is_the_digest_of_the_uncompressed_tar()
    {
        var layer = new TarBuilder().Dir("etc").File("etc/hostname", "box");

        var result = await UnpackAsync(layer.BuildGzip());

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(layer.Build())), result.DiffId);
        Assert.Equal("box", File.ReadAllText(Path.Join(_root, "etc/hostname")));
        Assert.Equal(3, result.Size);
    }

    [Fact]
    public async Task A_zstd_layer_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => UnpackAsync([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Contains("zstd", error.Message);
    }

    [Fact]
    public async Task Later_entries_replace_earlier_ones_of_another_type()
    {
        await UnpackAsync(new TarBuilder()
            .Dir("a").File("a/inside", "1")
            .File("a", "now a file")
            .Symlink("b", "/etc")
            .Dir("b"));

        Assert.Equal("now a file", File.ReadAllText(Path.Join(_root, "a")));
        Assert.Equal(Posix.Directory, Posix.FileType(Path.Join(_root, "b")));
    }

    [Fact]
    public async Task Missing_parent_directories_are_created_and_a_root_entry_is_accepted()
    {
        await UnpackAsync(new TarBuilder().Dir("./").File("./usr/local/bin/tool", "t"));

        Assert.Equal("t", File.ReadAllText(Path.Join(_root, "usr/local/bin/tool")));
    }

    private Task<LayerUnpackResult> UnpackAsync(TarBuilder layer) => UnpackAsync(layer.Build());

    private async Task<LayerUnpackResult> UnpackAsync(byte[] tar)
    {
        using var stream = new MemoryStream(tar);
        return await LayerUnpacker.UnpackAsync(stream, _root, CancellationToken.None);
    }
}
