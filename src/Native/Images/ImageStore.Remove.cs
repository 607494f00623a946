using Berth.Native.Storage;

namespace Berth.Native.Images;

public sealed partial class ImageStore
{
    /// <summary>
    /// <c>docker rmi</c>: by tag, removes that tag, and the image too if it was its last one; by id,
    /// removes every tag and the image. Refused with Conflict, unless <paramref name="force"/>, when
    /// an id names an image with several tags, or a container's RW layer was made from the image.
    /// Forced, the image goes but its layers stay as long as such containers do. Returns what was
    /// untagged and deleted (image id, then the ChainIDs of layers no longer used), Docker's order.
    /// </summary>
    public async Task<IReadOnlyList<ImageDeleteItem>> RemoveAsync(string reference, bool force, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = _state;
            var (image, tagKey) = state.Resolve(reference);
            var tags = state.TagsOf(image.Id);
            var users = state.ContainersOf(image.Id);
            var items = new List<ImageDeleteItem>();
            if (tagKey is not null && tags.Count > 1)
            {
                Publish(state with { Tags = state.Tags.Remove(tagKey) }, tagsChanged: true);
                return [ImageDeleteItem.UntaggedRef(tagKey)];
            }
            if (!force) CheckRemovable(reference, image, tagKey, tags, users);
            Publish(state with { Tags = state.Tags.RemoveRange(tags) }, tagsChanged: tags.Count > 0);
            items.AddRange(tags.Select(ImageDeleteItem.UntaggedRef));
            items.AddRange(Delete(image));
            return items;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void CheckRemovable(string reference, StoredImage image, string? tagKey, IReadOnlyList<string> tags, IReadOnlyList<string> users)
    {
        var shortId = image.Hex[..12];
        if (users.Count > 0)
            throw new StorageException(StorageErrorKind.Conflict, tagKey is not null
                ? $"conflict: unable to remove repository reference \"{reference}\" (must force) - container {Short(users[0])} is using its referenced image {shortId}"
                : $"conflict: unable to delete {shortId} (must be forced) - image is being used by container {Short(users[0])}");
        if (tagKey is null && tags.Count > 1)
            throw new StorageException(StorageErrorKind.Conflict,
                $"conflict: unable to delete {shortId} (must be forced) - image is referenced in multiple repositories");
    }

    /// <summary>Removes the image's record and config, then its layer references (in that order: a crash leaves only references, which reconcile drops).</summary>
    private IReadOnlyList<ImageDeleteItem> Delete(StoredImage image)
    {
        File.Delete(RecordPath(image.Hex));
        _state = _state with { Images = _state.Images.Remove(image.Id) };
        File.Delete(BlobPath(image.Hex));
        var items = new List<ImageDeleteItem> { ImageDeleteItem.DeletedId(image.Id) };
        foreach (var chainId in image.ChainIds.Reverse())
            if (Layers.RemoveReference(chainId, image.LayerOwner)) items.Add(ImageDeleteItem.DeletedId(chainId));
        return items;
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
