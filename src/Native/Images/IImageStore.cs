namespace Berth.Native.Images;

/// <summary>
/// The image store the Images actor drives: load/import archives, tag, list, inspect, resolve and
/// remove images. Thread-safe; every failure is a <see cref="Storage.StorageException"/> with a kind.
/// </summary>
public interface IImageStore
{
    Task<IReadOnlyList<LoadedImage>> LoadAsync(Stream archive, CancellationToken cancellationToken = default);

    Task<LoadedImage> ImportAsync(Stream rootfsTar, string? tag, CancellationToken cancellationToken = default);

    IReadOnlyList<ImageSummary> List();

    ImageDetails Inspect(string reference);

    string Resolve(string reference);

    void Tag(string source, string target);

    Task<IReadOnlyList<ImageDeleteItem>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default);
}
