namespace Berth.Native.Storage;

/// <summary>
/// The storage boundary of one container: its init and read-write layers on top of the image's
/// layers, and the overlay mount that joins them. Keyed by container id; every release idempotent.
/// </summary>
public interface IRwLayers
{
    /// <summary>Creates the init and RW layers of a new container from an image.</summary>
    Task CreateAsync(string containerId, string imageId, CancellationToken cancellationToken);

    /// <summary>Mounts the container's root filesystem; returns the mount point.</summary>
    Task<string> MountAsync(string containerId, CancellationToken cancellationToken);

    Task UnmountAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Deletes the container's layers (unmounting first if needed).</summary>
    Task RemoveAsync(string containerId, CancellationToken cancellationToken);
}
