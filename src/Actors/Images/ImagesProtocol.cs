using Berth.Actors.Containers;
using Berth.Journal.Model;

namespace Berth.Actors.Images;

// What the API asks of the Images actor, and its answers (Actors-level views: no Native type
// leaves the actor tree).

/// <summary>Load a docker-archive or OCI-layout tar. Reply: <see cref="ImagesLoaded"/>.</summary>
public sealed record LoadImages(Stream Archive);

public sealed record ImagesLoaded(IReadOnlyList<LoadedImageView> Images);

public sealed record LoadedImageView(string Id, IReadOnlyList<string> Tags);

/// <summary>Import a rootfs tar as a one-layer image. Reply: <see cref="ImagesLoaded"/>.</summary>
public sealed record ImportImage(Stream RootfsTar, string? Tag);

/// <summary>Reply: <see cref="ImageList"/>.</summary>
public sealed record ListImages;

public sealed record ImageList(IReadOnlyList<ImageRow> Images);

public sealed record ImageRow(string Id, IReadOnlyList<string> RepoTags, DateTimeOffset? Created, long Size,
    IReadOnlyDictionary<string, string> Labels, int Containers);

/// <summary>Reply: <see cref="ImageDetail"/>.</summary>
public sealed record InspectImage(string Reference);

public sealed record ImageDetail(string Id, IReadOnlyList<string> RepoTags, DateTimeOffset? Created, long Size,
    string? Architecture, string? Os, string? Author, ContainerConfig Config, IReadOnlyList<string> DiffIds)
{
    /// <summary>The build history, oldest first, each step with the size of the layer it made (0 for an empty layer).</summary>
    public IReadOnlyList<ImageHistoryStep> History { get; init; } = [];

    /// <summary>Each layer's unpacked size, aligned with <see cref="DiffIds"/>.</summary>
    public IReadOnlyList<long> LayerSizes { get; init; } = [];
}

/// <summary>One step of an image's history (<c>docker history</c>).</summary>
public sealed record ImageHistoryStep(DateTimeOffset? Created, string CreatedBy, string Comment, bool EmptyLayer, long Size);

/// <summary>Reply: <see cref="Done"/> (with the source image id).</summary>
public sealed record TagImage(string Source, string Target);

/// <summary>Reply: <see cref="ImagesRemoved"/>.</summary>
public sealed record RemoveImage(string Reference, bool Force);

public sealed record ImagesRemoved(IReadOnlyList<(string? Untagged, string? Deleted)> Items);

/// <summary>
/// A create from the API: the Images actor resolves <c>Create.ImageRef</c>, merges the image's
/// defaults into the config, and hands the create to the registry.
/// </summary>
public sealed record CreateFromImage(CreateContainer Create);
