using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// The image store's view, immutable: images by id, tags (<c>name:tag</c> → id), and which image
/// each container uses. Reads take a snapshot without locking; writers swap in a new one.
/// Reference resolution lives here because it is a pure question about one snapshot.
/// </summary>
internal sealed partial record ImageStoreState(
    ImmutableDictionary<string, StoredImage> Images,
    ImmutableSortedDictionary<string, string> Tags,
    ImmutableDictionary<string, ContainerImageRecord> Containers)
{
    public static ImageStoreState Empty { get; } = new(
        ImmutableDictionary<string, StoredImage>.Empty,
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableDictionary<string, ContainerImageRecord>.Empty);

    public IReadOnlyList<string> TagsOf(string imageId) =>
        Tags.Where(t => t.Value == imageId).Select(t => t.Key).ToList();

    public IReadOnlyList<string> ContainersOf(string imageId) =>
        Containers.Values.Where(c => c.ImageId == imageId).Select(c => c.ContainerId).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Resolves a reference as Docker does: a full id (<c>sha256:…</c> or 64 hex), then a tag
    /// (<c>busybox</c> = <c>busybox:latest</c>), then a unique id prefix. NotFound if nothing matches,
    /// InvalidParameter if a prefix is ambiguous.
    /// </summary>
    public ImageMatch Resolve(string text)
    {
        var trimmed = text.Trim();
        var fullId = Digests.IsSha256(trimmed) ? trimmed : FullHex().IsMatch(trimmed) ? Digests.Prefix + trimmed : null;
        if (fullId is not null)
            return Images.TryGetValue(fullId, out var byId) ? new ImageMatch(byId, null) : throw NotFound(text);
        if (ImageReference.TryParse(trimmed, out var reference, out _) && reference.Digest is null
            && Tags.TryGetValue(reference.Key, out var tagged) && Images.TryGetValue(tagged, out var byTag))
            return new ImageMatch(byTag, reference.Key);
        var prefix = IdPrefix().Match(trimmed);
        if (prefix.Success)
        {
            var hex = prefix.Groups[1].Value;
            var matches = Images.Values.Where(i => i.Hex.StartsWith(hex, StringComparison.Ordinal)).Take(2).ToList();
            if (matches.Count == 1) return new ImageMatch(matches[0], null);
            if (matches.Count > 1)
                throw new StorageException(StorageErrorKind.InvalidParameter, $"ambiguous image id prefix \"{text}\": more than one image matches");
        }
        throw NotFound(text);
    }

    private static StorageException NotFound(string text) => new(StorageErrorKind.NotFound, $"No such image: {text}");

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex FullHex();

    [GeneratedRegex("^(?:sha256:)?([0-9a-f]{1,64})$")]
    private static partial Regex IdPrefix();
}
