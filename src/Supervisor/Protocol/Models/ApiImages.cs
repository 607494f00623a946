using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>One row of <c>GET /images/json</c>.</summary>
public sealed record ApiImageSummary(
    string Id, string ParentId, List<string> RepoTags, List<string> RepoDigests, long Created, long Size,
    long SharedSize, Dictionary<string, string> Labels, int Containers);

/// <summary>Reply of <c>GET /images/{name}/json</c>.</summary>
public sealed record ApiImageInspect(
    string Id, List<string> RepoTags, List<string> RepoDigests, string Parent, string Comment, string Created,
    string Author, ApiContainerConfig Config, string Architecture, string Os, long Size, ApiRootFs RootFS);

public sealed record ApiRootFs(string Type, List<string> Layers);

/// <summary>One line of a JSON progress stream (load, import): Docker's lower-case <c>stream</c>/<c>status</c>.</summary>
public sealed record ApiProgress(
    [property: JsonPropertyName("stream"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stream = null,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null);

/// <summary>One item of <c>DELETE /images/{name}</c>: either field, never both.</summary>
public sealed record ApiImageDeleteItem(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Untagged = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Deleted = null);
