using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>Reply of <c>GET /containers/{id}/top</c>.</summary>
public sealed record ApiTop(List<string> Titles, List<List<string>> Processes);

/// <summary>One item of <c>GET /containers/{id}/changes</c>: Kind 0 modified, 1 added, 2 deleted.</summary>
public sealed record ApiChange(string Path, int Kind);

/// <summary>Docker's <c>X-Docker-Container-Path-Stat</c> (base64 of this JSON).</summary>
public sealed record ApiPathStat(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("mode")] uint Mode,
    [property: JsonPropertyName("mtime")] string Mtime,
    [property: JsonPropertyName("linkTarget")] string LinkTarget)
{
    /// <summary>Go's os.ModeDir bit of <see cref="Mode"/>.</summary>
    [JsonIgnore]
    public bool IsDirectory => (Mode & (1u << 31)) != 0;
}

/// <summary>Reply of <c>POST /containers/prune</c>.</summary>
public sealed record ApiContainerPrune(List<string> ContainersDeleted, long SpaceReclaimed);

/// <summary>Reply of <c>POST /images/prune</c>.</summary>
public sealed record ApiImagePrune(List<ApiImageDeleteItem> ImagesDeleted, long SpaceReclaimed);

/// <summary>Reply of <c>POST /build/prune</c>: berth builds nothing, so it never holds build cache to delete.</summary>
public sealed record ApiBuildCachePrune(List<string> CachesDeleted, long SpaceReclaimed);

/// <summary>One row of <c>GET /images/{name}/history</c>, newest first.</summary>
public sealed record ApiHistoryItem(string Id, long Created, string CreatedBy, List<string>? Tags, long Size, string Comment);

/// <summary>Reply of <c>GET /system/df</c>.</summary>
public sealed record ApiSystemDf(
    long LayersSize, List<ApiImageSummary> Images, List<ApiContainerSummary> Containers, List<ApiVolumeDf> Volumes, List<ApiBuildCache> BuildCache);

/// <summary>A volume row of <c>system/df</c> (berth has no volumes of its own yet: the list stays empty).</summary>
public sealed record ApiVolumeDf(string Name, string Driver, string Mountpoint);

/// <summary>A build-cache row of <c>system/df</c>: berth builds nothing, the list is always empty.</summary>
public sealed record ApiBuildCache(string ID);

/// <summary>
/// One item of <c>GET /containers/{id}/history</c> (a berth extension), oldest first: a journaled fact of the
/// container's life. <c>Seq</c> is its place in the container's life (from 1), <c>Offset</c> its place in the
/// whole journal (as <c>berth events</c> counts), <c>Time</c> RFC 3339 with nanoseconds in UTC.
/// </summary>
public sealed record ApiContainerFact(long Seq, long Offset, string Time, long TimeNano, string Fact, string Detail);
