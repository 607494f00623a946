using System.Text;
using Berth.Native.Images;

namespace Berth.Native.Storage;

/// <summary>
/// Containers' root file systems on overlayfs, the way Docker's overlay2 driver lays them out:
/// <code>
/// overlay/&lt;id&gt;-init/diff    init layer (<see cref="InitLayer"/>), link
/// overlay/&lt;id&gt;/diff         the container's writes (upperdir)
/// overlay/&lt;id&gt;/work         overlay's workdir
/// overlay/&lt;id&gt;/merged       the mount point: the container's rootfs
/// overlay/&lt;id&gt;/lower        lowerdirs as short links, init layer first, then the image's top→bottom
/// </code>
/// The container's use of its image (and so of every image layer) is recorded in the
/// <see cref="ImageStore"/> before anything is made, and released last. Every step is idempotent,
/// so a create, unmount or remove interrupted by a crash is simply run again.
/// </summary>
public sealed class OverlayRwLayers : IRwLayers
{
    private readonly ImageStore _images;
    private readonly LayerStore _layers;
    private readonly Lock _mounting = new();

    public OverlayRwLayers(ImageStore images)
    {
        _images = images;
        _layers = images.Layers;
    }

    /// <summary>The container's directory (<c>overlay/&lt;id&gt;</c>).</summary>
    public string ContainerDir(string containerId) => Path.Join(_layers.Root, containerId);

    /// <summary>The container's init layer directory (<c>overlay/&lt;id&gt;-init</c>).</summary>
    public string InitDir(string containerId) => Path.Join(_layers.Root, containerId + "-init");

    /// <summary>Where the container's rootfs is mounted.</summary>
    public string MergedDir(string containerId) => Path.Join(ContainerDir(containerId), "merged");

    public async Task CreateAsync(string containerId, string imageId, CancellationToken cancellationToken)
    {
        ImageStore.CheckContainerId(containerId);
        var record = await _images.AcquireForContainerAsync(containerId, imageId, cancellationToken).ConfigureAwait(false);
        var lowers = new List<string> { "l/" + EnsureInitLayer(containerId) };
        foreach (var chainId in record.ChainIds.Reverse())
            lowers.Add("l/" + (_layers.Get(chainId) ?? throw new StorageException(StorageErrorKind.NotFound,
                $"layer {chainId} of image {record.ImageId} is not unpacked")).Link);
        var dir = ContainerDir(containerId);
        Directory.CreateDirectory(dir);
        EnsureDirectory(Path.Join(dir, "diff"), Posix.Mode755);
        EnsureDirectory(Path.Join(dir, "work"), Posix.Mode700);
        EnsureDirectory(Path.Join(dir, "merged"), Posix.Mode700);
        AtomicFile.Write(Path.Join(dir, "lower"), Encoding.UTF8.GetBytes(string.Join(':', lowers)));
    }

    public Task<string> MountAsync(string containerId, CancellationToken cancellationToken)
    {
        ImageStore.CheckContainerId(containerId);
        var dir = ContainerDir(containerId);
        var lowerFile = Path.Join(dir, "lower");
        if (!File.Exists(lowerFile))
            throw new StorageException(StorageErrorKind.NotFound, $"container {containerId} has no RW layer");
        var merged = MergedDir(containerId);
        lock (_mounting)
        {
            if (Mounts.IsMountPoint(merged)) return Task.FromResult(merged);
            var lowers = File.ReadAllText(lowerFile).Trim().Split(':');
            Mounts.MountOverlay(merged, _layers.Root, lowers, Path.Join(containerId, "diff"), Path.Join(containerId, "work"));
        }
        return Task.FromResult(merged);
    }

    public Task UnmountAsync(string containerId, CancellationToken cancellationToken)
    {
        ImageStore.CheckContainerId(containerId);
        lock (_mounting) Mounts.Unmount(MergedDir(containerId));
        return Task.CompletedTask;
    }

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        await UnmountAsync(containerId, cancellationToken).ConfigureAwait(false);
        if (Mounts.IsMountPoint(MergedDir(containerId)))
            throw new StorageException(StorageErrorKind.Conflict, $"container {containerId}'s rootfs is still mounted");
        LayerStore.DeleteTree(ContainerDir(containerId));
        var initLink = Path.Join(InitDir(containerId), "link");
        if (File.Exists(initLink)) _layers.Links.Remove(File.ReadAllText(initLink).Trim());
        LayerStore.DeleteTree(InitDir(containerId));
        await _images.ReleaseContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the init layer if it is not there (atomically: built aside, renamed in); returns its short link.</summary>
    private string EnsureInitLayer(string containerId)
    {
        var dir = InitDir(containerId);
        var linkFile = Path.Join(dir, "link");
        if (File.Exists(linkFile)) return File.ReadAllText(linkFile).Trim();
        var temp = Path.Join(_layers.Root, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(temp);
            Posix.Mkdir(Path.Join(temp, "diff"), Posix.Mode755);
            InitLayer.Setup(Path.Join(temp, "diff"));
            var link = _layers.Links.Create(Path.GetFileName(dir));
            File.WriteAllText(Path.Join(temp, "link"), link);
            LayerStore.DeleteTree(dir);
            Directory.Move(temp, dir);
            return link;
        }
        finally
        {
            LayerStore.DeleteTree(temp);
        }
    }

    private static void EnsureDirectory(string path, uint mode)
    {
        if (Posix.FileType(path) != Posix.Directory) Posix.Mkdir(path, mode);
    }
}
