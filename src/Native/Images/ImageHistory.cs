using System.Text.Json.Serialization;

namespace Berth.Native.Images;

/// <summary>One step of an image's build history (<c>docker history</c>).</summary>
public sealed record ImageHistory
{
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }
}
