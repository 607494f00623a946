using System.Formats.Tar;
using Berth.Native.Archive;

namespace Berth.Native.Tests.Archive;

public sealed class TarExtractTests : IDisposable
{
    private readonly ArchiveFixture _fs = new();

    public void Dispose() => _fs.Dispose();

    private async Task Extract(string dest, MemoryStream tar, bool noOverwrite = false)
    {
        using var root = ContainerRoot.Open(_fs.Root);
        await TarExtract.ExtractAsync(root, dest, tar, noOverwrite, keepOwners: false, CancellationToken.None);
    }

    [Fact]
    public async Task Files_and_directories_land_in_the_destination()
    {
        await Extract("/etc", ArchiveFixture.Tar(("app/", TarEntryType.Directory, ""), ("app/conf", TarEntryType.RegularFile, "x=1")));

        Assert.Equal("x=1", File.ReadAllText(_fs.At("etc/app/conf")));
    }

    [Fact]
    public async Task A_tar_symlink_to_root_then_a_file_through_it_writes_the_containers_file()
    {
        var tar = ArchiveFixture.Tar(("evil", TarEntryType.SymbolicLink, "/"), ("evil/etc/planted", TarEntryType.RegularFile, "inside"));

        await Extract("/etc", tar);

        Assert.Equal("inside", File.ReadAllText(_fs.At("etc/planted")));
    }

    [Fact]
    public async Task A_tar_symlink_to_a_host_directory_never_lets_a_file_reach_the_host()
    {
        var tar = ArchiveFixture.Tar(("evil", TarEntryType.SymbolicLink, _fs.Host), ("evil/planted", TarEntryType.RegularFile, "pwned"));

        try { await Extract("/", tar); }
        catch (ArchiveException) { } // refusing is as good as confining

        Assert.False(File.Exists(Path.Join(_fs.Host, "planted")));
    }

    [Fact]
    public async Task A_destination_symlinked_out_of_the_root_is_resolved_inside_it()
    {
        File.CreateSymbolicLink(_fs.At("out"), "../../host");
        Directory.CreateDirectory(Path.Join(_fs.Root, "host"));

        await Extract("/out", ArchiveFixture.Tar(("f", TarEntryType.RegularFile, "data")));

        Assert.False(File.Exists(Path.Join(_fs.Host, "f")));
        Assert.Equal("data", File.ReadAllText(_fs.At("host/f")));
    }

    [Fact]
    public async Task An_entry_climbing_above_the_destination_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArchiveException>(() => Extract("/etc", ArchiveFixture.Tar(("../../x", TarEntryType.RegularFile, "x"))));

        Assert.Equal(ArchiveErrorKind.InvalidParameter, error.Kind);
    }

    [Fact]
    public async Task A_hard_link_to_a_host_file_is_not_made()
    {
        var tar = ArchiveFixture.Tar(("h", TarEntryType.HardLink, "../../host/secret"));

        await Assert.ThrowsAsync<ArchiveException>(() => Extract("/", tar));
    }

    [Fact]
    public async Task NoOverwriteDirNonDir_refuses_to_replace_a_directory_with_a_file()
    {
        var error = await Assert.ThrowsAsync<ArchiveException>(() =>
            Extract("/", ArchiveFixture.Tar(("etc", TarEntryType.RegularFile, "flat")), noOverwrite: true));

        Assert.Contains("cannot overwrite directory", error.Message);
        Assert.True(Directory.Exists(_fs.At("etc")));
    }

    [Fact]
    public async Task Without_the_flag_a_file_replaces_an_existing_directory()
    {
        await Extract("/", ArchiveFixture.Tar(("etc", TarEntryType.RegularFile, "flat")));

        Assert.Equal("flat", File.ReadAllText(_fs.At("etc")));
    }

    [Fact]
    public async Task A_destination_that_is_a_file_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArchiveException>(() => Extract("/etc/hostname", ArchiveFixture.Tar(("f", TarEntryType.RegularFile, "x"))));

        Assert.Equal(ArchiveErrorKind.InvalidParameter, error.Kind);
    }

    [Fact]
    public async Task Garbage_is_an_invalid_tar_not_a_crash()
    {
        var garbage = new MemoryStream(Enumerable.Range(0, 2048).Select(i => (byte)(i * 7)).ToArray());

        var error = await Assert.ThrowsAsync<ArchiveException>(() => Extract("/", garbage));

        Assert.Equal(ArchiveErrorKind.InvalidParameter, error.Kind);
    }
}
