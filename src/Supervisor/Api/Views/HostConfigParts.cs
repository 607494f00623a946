using Berth.Actors.Containers;
using Berth.Journal.Model;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api.Views;

/// <summary>The nested parts of a host config (mounts, devices) between docker's wire shape and the journal's, and inspect's <c>Mounts</c>.</summary>
internal static class HostConfigParts
{
    public static MountSpec ToDomain(ApiMount api) => new(api.Type ?? "", api.Source, api.Target ?? "")
    {
        ReadOnly = api.ReadOnly,
        Propagation = api.BindOptions?.Propagation is { Length: > 0 } p ? p : null,
        NoCopy = api.VolumeOptions?.NoCopy ?? false,
        TmpfsSizeBytes = api.TmpfsOptions is { SizeBytes: > 0 } t ? t.SizeBytes : null,
        TmpfsMode = api.TmpfsOptions is { Mode: > 0 } m ? m.Mode : null,
    };

    public static ApiMount ToApi(MountSpec mount) => new()
    {
        Type = mount.Type,
        Source = mount.Source ?? "",
        Target = mount.Target,
        ReadOnly = mount.ReadOnly,
        BindOptions = mount.Propagation is { } p ? new ApiBindOptions(p) : null,
        VolumeOptions = mount.NoCopy ? new ApiVolumeOptions(true) : null,
        TmpfsOptions = mount.TmpfsSizeBytes is not null || mount.TmpfsMode is not null
            ? new ApiTmpfsOptions(mount.TmpfsSizeBytes ?? 0, mount.TmpfsMode ?? 0) : null,
    };

    /// <summary>docker's device default: the same path inside, full access.</summary>
    public static DeviceMapping ToDomain(ApiDeviceMapping api) => new(
        api.PathOnHost,
        string.IsNullOrEmpty(api.PathInContainer) ? api.PathOnHost : api.PathInContainer,
        string.IsNullOrEmpty(api.CgroupPermissions) ? "rwm" : api.CgroupPermissions);

    /// <summary>Inspect's <c>Mounts</c>: binds and volumes (with their data dir under <paramref name="volumesRoot"/>), and tmpfs mounts.</summary>
    public static List<ApiMountPoint> MountPoints(ContainerState state, string volumesRoot) =>
    [
        .. MountPlan.Of(state).Select(m => m.Type switch
        {
            "volume" => new ApiMountPoint("volume", m.Source, Path.Combine(volumesRoot, m.Source, "_data"), m.Destination, "local", m.Mode, m.ReadWrite, ""),
            "bind" => new ApiMountPoint("bind", "", m.Source, m.Destination, "", m.Mode, m.ReadWrite, m.Propagation),
            _ => new ApiMountPoint("tmpfs", "", "", m.Destination, "", string.Join(',', m.TmpfsOptions.Skip(3)), m.ReadWrite, ""),
        }),
    ];
}
