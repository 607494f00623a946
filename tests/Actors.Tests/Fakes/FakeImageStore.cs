using System.Collections.Concurrent;
using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Actors.Tests.Fakes;

/// <summary>An in-memory image store holding <c>busybox:latest</c> (Cmd <c>sh</c>, PATH set) and whatever a test adds.</summary>
public sealed class FakeImageStore : IImageStore
{
    public const string BusyboxId = "sha256:b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

    public ConcurrentDictionary<string, ImageDetails> Images { get; } = new()
    {
        ["busybox:latest"] = new ImageDetails(BusyboxId, ["busybox:latest"], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1000,
            "amd64", "linux", null, new ImageRunConfig { Cmd = ["sh"], Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] },
            ["sha256:d1"], ["sha256:c1"]),
    };

    public Task<IReadOnlyList<LoadedImage>> LoadAsync(Stream archive, CancellationToken cancellationToken = default) =>
        throw new StorageException(StorageErrorKind.InvalidParameter, "the fake store loads nothing");

    public Task<LoadedImage> ImportAsync(Stream rootfsTar, string? tag, CancellationToken cancellationToken = default) =>
        throw new StorageException(StorageErrorKind.InvalidParameter, "the fake store imports nothing");

    public IReadOnlyList<ImageSummary> List() => Images.Values.Distinct()
        .Select(i => new ImageSummary(i.Id, i.RepoTags, i.Created, i.Size, new Dictionary<string, string>(), 0)).ToList();

    public ImageDetails Inspect(string reference) =>
        Images.TryGetValue(reference.Contains(':') || reference.StartsWith("sha256") ? reference : reference + ":latest", out var image)
            ? image
            : Images.Values.FirstOrDefault(i => i.Id == reference)
              ?? throw new StorageException(StorageErrorKind.NotFound, $"No such image: {reference}");

    public string Resolve(string reference) => Inspect(reference).Id;

    public void Tag(string source, string target) => Images[target] = Inspect(source);

    public Task<IReadOnlyList<ImageDeleteItem>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ImageDeleteItem>>(Images.TryRemove(reference, out _)
            ? [ImageDeleteItem.UntaggedRef(reference)]
            : throw new StorageException(StorageErrorKind.NotFound, $"No such image: {reference}"));
}
