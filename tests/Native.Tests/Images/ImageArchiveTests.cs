using System.Text;
using System.Text.Json.Nodes;
using Berth.Native.Images;
using Berth.Native.Storage;
using Berth.Native.Tests.Storage;

namespace Berth.Native.Tests.Images;

/// <summary>Loading archives into an image store: format detection, digest checks, older and nested layouts.</summary>
public sealed class ImageArchiveTests : IDisposable
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private const string IndexType = "application/vnd.oci.image.index.v1+json";
    private readonly TempDir _temp = new();
    private readonly ImageStore _store;
    private readonly byte[] _layer = new TarBuilder().Dir("bin").File("bin/tool", "#!/bin/sh").Build();

    public ImageArchiveTests() => _store = ImageStore.Open(_temp.Path);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_docker_archive_loads_and_is_tagged()
    {
        var config = TestArchive.Config(_layer);

        var loaded = await LoadAsync(TestArchive.Docker(config, "tool:1", [_layer]));

        var image = Assert.Single(loaded);
        Assert.Equal(TestArchive.Sha(config), image.Id);
        Assert.Equal(["tool:1"], image.Tags);
        Assert.Equal(TestArchive.Sha(config), _store.Resolve("tool:1"));
    }

    [Fact]
    public async Task An_older_docker_save_with_a_symlinked_duplicate_layer_loads()
    {
        var config = TestArchive.Config(_layer, _layer);
        var archive = TestArchive.Tar(
            [("cfg.json", config), ("aaa/layer.tar", _layer),
             ("manifest.json", Encoding.UTF8.GetBytes("""[{"Config":"cfg.json","RepoTags":["dup:1"],"Layers":["aaa/layer.tar","bbb/layer.tar"]}]"""))],
            [("bbb/layer.tar", "../aaa/layer.tar")]);

        await LoadAsync(archive);

        Assert.Equal(2, _store.Inspect("dup:1").ChainIds.Count);
        Assert.Equal(2, _store.Layers.List().Count);
    }

    [Fact]
    public async Task A_layer_that_does_not_match_the_config_diff_id_is_refused_and_nothing_is_kept()
    {
        var other = new TarBuilder().File("evil", "x").Build();
        var archive = TestArchive.Docker(TestArchive.Config(_layer), "bad:1", [other], ["layer.tar"]);

        var error = await Assert.ThrowsAsync<StorageException>(() => LoadAsync(archive));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Empty(_store.List());
        Assert.Empty(_store.Layers.List());
    }

    [Fact]
    public async Task An_oci_layer_blob_that_does_not_match_its_digest_is_refused()
    {
        var config = TestArchive.Config(_layer);
        var manifest = TestArchive.Manifest(config, _layer);
        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(TestArchive.Descriptor(ManifestType, manifest)) };
        var archive = TestArchive.Oci(index, [config, manifest], tampered: [(TestArchive.Sha(_layer), new TarBuilder().File("evil", "x").Build())]);

        var error = await Assert.ThrowsAsync<StorageException>(() => LoadAsync(archive));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Contains("does not match its digest", error.Message);
        Assert.Empty(_store.Layers.List());
    }

    [Fact]
    public async Task A_nested_oci_index_gives_the_host_platforms_image()
    {
        var config = TestArchive.Config(_layer);
        var manifest = TestArchive.Manifest(config, _layer);
        var foreign = TestArchive.Manifest(TestArchive.Config(), []);
        var nested = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(
                TestArchive.Descriptor(ManifestType, foreign, platform: new JsonObject { ["os"] = "linux", ["architecture"] = "s390x-nope" }),
                TestArchive.Descriptor(ManifestType, manifest, platform: new JsonObject { ["os"] = "linux", ["architecture"] = HostPlatform.Architecture })),
        }.ToJsonString());
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(TestArchive.Descriptor(IndexType, nested,
                annotations: new JsonObject { ["org.opencontainers.image.ref.name"] = "example.com/multi:2" })),
        };

        var loaded = await LoadAsync(TestArchive.Oci(index, [config, manifest, foreign, nested, TestArchive.Config(), _layer]));

        Assert.Equal(TestArchive.Sha(config), Assert.Single(loaded).Id);
        Assert.Equal(TestArchive.Sha(config), _store.Resolve("example.com/multi:2"));
    }

    [Fact]
    public async Task An_oci_image_with_only_a_bare_tag_annotation_loads_untagged()
    {
        var config = TestArchive.Config(_layer);
        var manifest = TestArchive.Manifest(config, _layer);
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(TestArchive.Descriptor(ManifestType, manifest,
                annotations: new JsonObject { ["org.opencontainers.image.ref.name"] = "latest" })),
        };

        var loaded = await LoadAsync(TestArchive.Oci(index, [config, manifest, _layer]));

        Assert.Empty(Assert.Single(loaded).Tags);
        Assert.Empty(_store.Inspect(loaded[0].Id).RepoTags);
    }

    [Fact]
    public async Task An_archive_that_is_neither_format_is_an_invalid_parameter()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => LoadAsync(TestArchive.Tar([("hello.txt", "hi"u8.ToArray())])));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
        Assert.Contains("not an image archive", error.Message);
    }

    [Fact]
    public async Task A_config_whose_layer_count_differs_from_the_archive_is_refused()
    {
        var archive = TestArchive.Docker(TestArchive.Config(_layer, _layer), "short:1", [_layer]);

        var error = await Assert.ThrowsAsync<StorageException>(() => LoadAsync(archive));

        Assert.Contains("2 layers", error.Message);
    }

    [Fact]
    public async Task Tagging_with_a_digest_or_an_invalid_name_is_refused()
    {
        await LoadAsync(TestArchive.Docker(TestArchive.Config(_layer), "tool:1", [_layer]));

        Assert.Equal(StorageErrorKind.InvalidParameter,
            Assert.Throws<StorageException>(() => _store.Tag("tool:1", "x@sha256:" + new string('a', 64))).Kind);
        Assert.Equal(StorageErrorKind.InvalidParameter, Assert.Throws<StorageException>(() => _store.Tag("tool:1", "UPPER")).Kind);
        Assert.Equal(StorageErrorKind.NotFound, Assert.Throws<StorageException>(() => _store.Tag("nope", "x")).Kind);
    }

    private async Task<IReadOnlyList<LoadedImage>> LoadAsync(byte[] archive)
    {
        using var stream = new MemoryStream(archive);
        return await _store.LoadAsync(stream);
    }
}
