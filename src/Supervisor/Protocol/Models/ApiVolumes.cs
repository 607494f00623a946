namespace Berth.Supervisor.Api.Models;

/// <summary>A volume in docker's shape (<c>GET /volumes/{name}</c>, list items, create reply).</summary>
public sealed record ApiVolume(
    string Name, string Driver, string Mountpoint, string CreatedAt, Dictionary<string, string> Labels,
    string Scope, Dictionary<string, string> Options, ApiVolumeUsage? UsageData = null);

/// <summary>docker's usage: <c>RefCount</c> = containers referencing the volume (Size -1 = not computed).</summary>
public sealed record ApiVolumeUsage(long Size, long RefCount);

/// <summary>Reply of <c>GET /volumes</c>.</summary>
public sealed record ApiVolumeList(List<ApiVolume> Volumes, List<string> Warnings);

/// <summary>Body of <c>POST /volumes/create</c>.</summary>
public sealed record ApiVolumeCreate(string? Name, string? Driver, Dictionary<string, string>? DriverOpts, Dictionary<string, string>? Labels);

/// <summary>Reply of <c>POST /volumes/prune</c>.</summary>
public sealed record ApiVolumePrune(List<string> VolumesDeleted, long SpaceReclaimed);
