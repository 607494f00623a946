namespace Berth.Native.Images;

/// <summary>One row of <c>docker images</c>: id, tags, created time (from the config), size, labels, containers using it.</summary>
public sealed record ImageSummary(
    string Id,
    IReadOnlyList<string> RepoTags,
    DateTimeOffset? Created,
    long Size,
    IReadOnlyDictionary<string, string> Labels,
    int Containers);
