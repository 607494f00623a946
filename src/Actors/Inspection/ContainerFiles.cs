using Berth.Native.Archive;

namespace Berth.Actors.Inspection;

/// <summary>
/// The API's access to files inside containers (docker cp, export, diff, sizes), over a rootfs path
/// the container actor lent (<see cref="Containers.AcquireRootfs"/>) or the container's layers.
/// Every path is confined to the container's root by the kernel; failures become
/// <see cref="FileAccessException"/>s carrying Docker's wording.
/// </summary>
public sealed class ContainerFiles(string dataRoot)
{
    private readonly ContainerLayerDiff _diff = new(dataRoot);

    public ContainerPathInfo Stat(string rootfs, string containerId, string path) => Guard(containerId, path, () =>
    {
        using var root = ContainerRoot.Open(rootfs);
        var stat = root.Stat(path);
        return new ContainerPathInfo(stat.Name, stat.Size, stat.Mode, stat.Modified, stat.LinkTarget);
    });

    /// <summary>Streams a tar of <paramref name="path"/>, its root entry named as the path's base name.</summary>
    public Task ArchiveAsync(string rootfs, string containerId, string path, Stream output, CancellationToken cancel) =>
        GuardAsync(containerId, path, async () =>
        {
            using var root = ContainerRoot.Open(rootfs);
            await TarExport.WriteAsync(root, path, ContainerRoot.BaseName(path), output, cancel);
        });

    public Task ExtractAsync(string rootfs, string containerId, string path, Stream tar, bool noOverwriteDirNonDir, bool keepOwners,
        CancellationToken cancel) =>
        GuardAsync(containerId, path, async () =>
        {
            using var root = ContainerRoot.Open(rootfs);
            await TarExtract.ExtractAsync(root, path, tar, noOverwriteDirNonDir, keepOwners, cancel);
        });

    /// <summary>The whole root file system as a tar (docker export).</summary>
    public Task ExportAsync(string rootfs, string containerId, Stream output, CancellationToken cancel) =>
        GuardAsync(containerId, "/", async () =>
        {
            using var root = ContainerRoot.Open(rootfs);
            await TarExport.WriteAsync(root, "/", ".", output, cancel);
        });

    /// <summary>docker diff: (path, kind) with kind 0 modified, 1 added, 2 deleted; null when the container has no RW layer.</summary>
    public IReadOnlyList<(string Path, int Kind)>? Changes(string containerId) =>
        Guard(containerId, "/", () => _diff.Changes(containerId)?.Select(c => (c.Path, c.Kind)).ToList());

    /// <summary>Bytes written by the container (Docker's SizeRw).</summary>
    public long SizeRw(string containerId)
    {
        try { return _diff.SizeRw(containerId); }
        catch (ArchiveException) { return 0; }
    }

    private static T Guard<T>(string containerId, string path, Func<T> action)
    {
        try { return action(); }
        catch (ArchiveException e) { throw Translate(e, containerId, path); }
    }

    private static async Task GuardAsync(string containerId, string path, Func<Task> action)
    {
        try { await action(); }
        catch (ArchiveException e) { throw Translate(e, containerId, path); }
    }

    private static FileAccessException Translate(ArchiveException e, string containerId, string path) => e.Kind switch
    {
        ArchiveErrorKind.NotFound => new FileAccessException(ErrorKind.NotFound, $"Could not find the file {path} in container {containerId}"),
        ArchiveErrorKind.InvalidParameter => new FileAccessException(ErrorKind.InvalidParameter, e.Message),
        ArchiveErrorKind.Conflict => new FileAccessException(ErrorKind.Conflict, e.Message),
        _ => new FileAccessException(ErrorKind.Internal, e.Message),
    };
}
