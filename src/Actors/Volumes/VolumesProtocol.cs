using Berth.Actors.Containers;
using Berth.Native.Storage;

namespace Berth.Actors.Volumes;

// What the API asks of the volumes actor, and what the containers actor tells it.

/// <summary>Create a volume (null or empty name = a random one). Creating an existing one returns it. Reply: <see cref="VolumeDetails"/> or <see cref="Rejected"/>.</summary>
public sealed record CreateVolume(string? Name, string? Driver = null, IReadOnlyDictionary<string, string>? Labels = null, IReadOnlyDictionary<string, string>? Options = null);

/// <summary>Make the volumes a new container names (named and anonymous), so they list at once. Reply: <see cref="Done"/> or <see cref="Rejected"/>.</summary>
public sealed record EnsureVolumes(string ContainerId, IReadOnlyList<PlannedMount> Mounts);

/// <summary>Reply: <see cref="VolumeDetails"/> or NotFound.</summary>
public sealed record GetVolume(string Name);

/// <summary>A volume, and the ids of the containers that reference it.</summary>
public sealed record VolumeDetails(
    string Name, string Mountpoint, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> UsedBy)
{
    public static VolumeDetails Of(VolumeInfo volume, IReadOnlyList<string> usedBy) =>
        new(volume.Name, volume.Mountpoint, volume.CreatedAt, volume.Labels, volume.Options, usedBy);
}

/// <summary>Reply: <see cref="VolumeList"/>.</summary>
public sealed record ListVolumes;

public sealed record VolumeList(IReadOnlyList<VolumeDetails> Volumes);

/// <summary>Remove a volume: NotFound if missing (unless <c>Force</c>), Conflict while any container references it.</summary>
public sealed record RemoveVolume(string Name, bool Force = false);

/// <summary>
/// Remove unused volumes: anonymous ones only, or every unused one with <c>All</c> (docker ≥ 23); with
/// <c>Only</c>, just those of these names (the API's label filters chose them). Reply: <see cref="VolumesPruned"/>.
/// </summary>
public sealed record PruneVolumes(bool All, IReadOnlySet<string>? Only = null);

public sealed record VolumesPruned(IReadOnlyList<string> Deleted, long SpaceReclaimed);

/// <summary>Containers actor → volumes: a container is gone; its anonymous volumes go with it when it was removed with <c>-v</c> (or <c>--rm</c>).</summary>
public sealed record ContainerVolumesReleased(ContainerState State);
