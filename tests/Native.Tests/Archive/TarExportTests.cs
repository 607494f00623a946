using System.Formats.Tar;
using Berth.Native.Archive;

namespace Berth.Native.Tests.Archive;

public sealed class TarExportTests : IDisposable
{
    private readonly ArchiveFixture _fs = new();

    public void Dispose() => _fs.Dispose();

    private async Task<Dictionary<string, (TarEntryType Type, string Content, string Link)>> Export(string path, string? rootName = null)
    {
        using var root = ContainerRoot.Open(_fs.Root);
        var output = new MemoryStream();
        await TarExport.WriteAsync(root, path, rootName ?? ContainerRoot.BaseName(path), new ForwardOnlyStream(output), CancellationToken.None);
        return await ArchiveFixture.ReadTar(output);
    }

    [Fact]
    public async Task A_directory_is_archived_under_its_base_name_with_its_files()
    {
        var entries = await Export("/etc");

        Assert.Equal(TarEntryType.Directory, entries["etc/"].Type);
        Assert.Equal("box\n", entries["etc/hostname"].Content);
    }

    [Fact]
    public async Task The_whole_root_exports_without_a_prefix()
    {
        var entries = await Export("/", ".");

        Assert.Equal("box\n", entries["etc/hostname"].Content);
    }

    [Fact]
    public async Task A_symlink_inside_is_archived_as_a_link_and_never_followed_to_the_host()
    {
        File.CreateSymbolicLink(_fs.At("etc/escape"), _fs.Host);

        var entries = await Export("/etc");

        Assert.Equal(TarEntryType.SymbolicLink, entries["etc/escape"].Type);
        Assert.DoesNotContain(entries.Values, e => e.Content.Contains("host secret"));
    }

    [Fact]
    public async Task A_path_through_an_absolute_symlink_resolves_inside_the_root()
    {
        // /link -> / : "/link/etc/hostname" must be the container's file.
        File.CreateSymbolicLink(_fs.At("link"), "/");
        File.CreateSymbolicLink(_fs.At("up"), "../../../../../../..");

        var viaLink = await Export("/link/etc/hostname");
        var viaDots = await Export("/up/etc/hostname");

        Assert.Equal("box\n", viaLink["hostname"].Content);
        Assert.Equal("box\n", viaDots["hostname"].Content);
    }

    [Fact]
    public async Task A_symlink_to_a_host_path_cannot_reach_the_host_file()
    {
        File.CreateSymbolicLink(_fs.At("secret"), Path.Join(_fs.Host, "secret"));

        await Assert.ThrowsAsync<ArchiveException>(() => Export("/secret/"));
    }

    [Fact]
    public void Stat_reports_dockers_go_file_mode_and_the_resolved_link_target()
    {
        File.CreateSymbolicLink(_fs.At("conf"), "/etc");
        using var root = ContainerRoot.Open(_fs.Root);

        var dir = root.Stat("/etc");
        var link = root.Stat("/conf");

        Assert.True(dir.IsDirectory);
        Assert.Equal("etc", dir.Name);
        Assert.Equal(1u << 27, link.Mode & (1u << 27));
        Assert.Equal("/etc", link.LinkTarget);
    }

    [Fact]
    public void Stat_of_a_missing_path_is_not_found()
    {
        using var root = ContainerRoot.Open(_fs.Root);

        var error = Assert.Throws<ArchiveException>(() => root.Stat("/nope"));

        Assert.Equal(ArchiveErrorKind.NotFound, error.Kind);
    }
}
