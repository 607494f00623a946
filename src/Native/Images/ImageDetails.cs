namespace Berth.Native.Images;

/// <summary>
/// What <c>docker image inspect</c> shows of an image: identity, tags, the config's run defaults,
/// and its layers both as DiffIDs (content) and ChainIDs (the unpacked directories), bottom first.
/// </summary>
public sealed record ImageDetails(
    string Id,
    IReadOnlyList<string> RepoTags,
    DateTimeOffset? Created,
    DateTimeOffset Loaded,
    long Size,
    string? Architecture,
    string? Os,
    string? Author,
    ImageRunConfig Config,
    IReadOnlyList<string> DiffIds,
    IReadOnlyList<string> ChainIds,
    IReadOnlyList<ImageHistory>? History = null,
    IReadOnlyList<long>? LayerSizes = null);
