using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Integration.Tests.Storage;

/// <summary>
/// One test's data root with its image store and RW layers. Disposal unmounts whatever is still
/// mounted under the root (deepest first, lazily if busy) and deletes it, even after a failure.
/// </summary>
public sealed class StorageSandbox : IAsyncDisposable
{
    public StorageSandbox()
    {
        DataRoot = Directory.CreateTempSubdirectory("berth-storage-test-").FullName;
        Images = ImageStore.Open(DataRoot);
        RwLayers = new OverlayRwLayers(Images);
    }

    public string DataRoot { get; }

    public ImageStore Images { get; private set; }

    public OverlayRwLayers RwLayers { get; private set; }

    public string Overlay => Images.Layers.Root;

    /// <summary>Opens the store again from disk, as a restarted daemon would.</summary>
    public void Reopen()
    {
        Images = ImageStore.Open(DataRoot);
        RwLayers = new OverlayRwLayers(Images);
    }

    public async Task<IReadOnlyList<LoadedImage>> LoadAsync(string archive)
    {
        await using var stream = File.OpenRead(archive);
        return await Images.LoadAsync(stream);
    }

    /// <summary>Mount points under this sandbox's data root.</summary>
    public IReadOnlyList<string> MountsUnderRoot()
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(Overlay)!) + "/";
        return MountInfo.ReadAll().Select(m => m.MountPoint).Where(p => p.StartsWith(root, StringComparison.Ordinal)).ToList();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var mountPoint in MountsUnderRoot().OrderByDescending(p => p.Length))
            Mounts.Unmount(mountPoint);
        if (Directory.Exists(DataRoot)) Directory.Delete(DataRoot, recursive: true);
        return ValueTask.CompletedTask;
    }
}
