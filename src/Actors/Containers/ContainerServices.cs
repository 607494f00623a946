using Berth.Actors.Restart;
using Berth.Native.Images;
using Berth.Native.Network;
using Berth.Native.Runtime;
using Berth.Native.Storage;

namespace Berth.Actors.Containers;

/// <summary>
/// What every container actor is given: the Native boundaries its children drive, the clock its
/// decisions read, the restart backoff, journal tuning, and the volume store its mounts name. Tests pass fakes and a virtual clock.
/// </summary>
public sealed record ContainerServices(
    ITaskRuntime Runtime,
    INetworkSandboxes Sandboxes,
    IRwLayers Layers,
    TimeProvider Clock,
    RestartBackoff Backoff,
    string DefaultRuntime = "crun",
    int SnapshotEvery = 100,
    IImageStore? Images = null,
    IVolumeStore? Volumes = null)
{
    /// <summary>The network-level boundary (conflists, bridges); null runs no Networks actor (tests with fakes).</summary>
    public INetworkDefinitions? Networks { get; init; }
}
