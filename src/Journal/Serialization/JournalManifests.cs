using Berth.Journal.Events;

namespace Berth.Journal.Serialization;

/// <summary>
/// The stable manifest of every event ever written. A manifest is never reused for another shape:
/// a change of meaning adds <c>name/2</c> and keeps <c>name/1</c> as a retired entry with an upcaster.
/// </summary>
public static class JournalManifests
{
    public static readonly IReadOnlyList<ManifestEntry> All =
    [
        ManifestEntry.Current<Created>("created/1"),
        ManifestEntry.Current<StartRequested>("start-requested/1"),
        ManifestEntry.Current<NetworkAllocated>("network-allocated/1"),
        ManifestEntry.Current<RootfsMounted>("rootfs-mounted/1"),
        ManifestEntry.Current<SpecBuilt>("spec-built/1"),
        ManifestEntry.Current<TaskStarted>("task-started/1"),
        ManifestEntry.Current<StartFailed>("start-failed/1"),
        ManifestEntry.Current<StopRequested>("stop-requested/1"),
        ManifestEntry.Current<Exited>("exited/1"),
        ManifestEntry.Current<TaskDeleted>("task-deleted/1"),
        ManifestEntry.Current<RootfsUnmounted>("rootfs-unmounted/1"),
        ManifestEntry.Current<NetworkReleased>("network-released/1"),
        ManifestEntry.Current<Paused>("paused/1"),
        ManifestEntry.Current<Unpaused>("unpaused/1"),
        ManifestEntry.Current<Renamed>("renamed/1"),
        ManifestEntry.Current<RestartScheduled>("restart-scheduled/1"),
        ManifestEntry.Current<RestartCancelled>("restart-cancelled/1"),
        ManifestEntry.Current<Updated>("updated/1"),
        ManifestEntry.Current<RemovalStarted>("removal-started/1"),
        ManifestEntry.Current<RemovalFailed>("removal-failed/1"),
        ManifestEntry.Current<Removed>("removed/1"),
        ManifestEntry.Current<NetworkConnected>("network-connected/1"),
        ManifestEntry.Current<NetworkDisconnected>("network-disconnected/1"),
        ManifestEntry.Current<HealthStatusChanged>("health-status-changed/1"),
        ManifestEntry.Current<NetworkCreated>("network-created/1"),
        ManifestEntry.Current<NetworkRemoved>("network-removed/1"),
        ManifestEntry.Current<NameReserved>("name-reserved/1"),
        ManifestEntry.Current<NameChanged>("name-changed/1"),
        ManifestEntry.Current<NameReleased>("name-released/1"),
        ManifestEntry.Current<ImageLoaded>("image-loaded/1"),
        ManifestEntry.Current<ImageImported>("image-imported/1"),
        ManifestEntry.Current<ImageTagged>("image-tagged/1"),
        ManifestEntry.Current<ImageUntagged>("image-untagged/1"),
        ManifestEntry.Current<ImageDeleted>("image-deleted/1"),
    ];
}
