using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Integration.Tests.Storage;

/// <summary>
/// An image with more layers than absolute lowerdir paths fit in a page of mount options: the
/// mount falls back to short relative names and still shows every layer.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class ManyLayersTests : IAsyncLifetime
{
    private const int LayerCount = 120;
    private const string Container = "c0ffee0000000000000000000000000000000000000000000000000000000003";
    private readonly StorageSandbox _sandbox = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _sandbox.DisposeAsync().AsTask();

    [Fact]
    public async Task An_image_with_120_layers_mounts_with_every_layer_visible()
    {
        var archive = Path.Join(_sandbox.DataRoot, "many.tar");
        await File.WriteAllBytesAsync(archive, DockerArchive(LayerCount));
        await _sandbox.LoadAsync(archive);
        await _sandbox.RwLayers.CreateAsync(Container, "many:layers", CancellationToken.None);

        var merged = await _sandbox.RwLayers.MountAsync(Container, CancellationToken.None);

        Assert.Equal(LayerCount, Directory.EnumerateFiles(Path.Join(merged, "layers")).Count());
        Assert.Equal($"layer {LayerCount - 1}", File.ReadAllText(Path.Join(merged, "top")));
        await _sandbox.RwLayers.RemoveAsync(Container, CancellationToken.None);
        Assert.Empty(_sandbox.MountsUnderRoot());
    }

    /// <summary>A docker-archive of one image whose every layer adds layers/N and rewrites /top.</summary>
    private static byte[] DockerArchive(int count)
    {
        var files = new List<(string Name, byte[] Data)>();
        var diffIds = new JsonArray();
        var layerNames = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var layer = Tar([($"layers/{i}", Encoding.UTF8.GetBytes(i.ToString())), ("top", Encoding.UTF8.GetBytes($"layer {i}"))]);
            var hex = Convert.ToHexStringLower(SHA256.HashData(layer));
            files.Add(($"{hex}.tar", layer));
            diffIds.Add("sha256:" + hex);
            layerNames.Add($"{hex}.tar");
        }
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64", ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        }.ToJsonString());
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        files.Add((configName, config));
        var manifest = new JsonArray(new JsonObject { ["Config"] = configName, ["RepoTags"] = new JsonArray("many:layers"), ["Layers"] = layerNames });
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        return Tar(files);
    }

    private static byte[] Tar(IEnumerable<(string Name, byte[] Data)> files)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, data) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(data), Mode = (UnixFileMode)0b110_100_100,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                });
        return buffer.ToArray();
    }
}
