using System.Text.Json.Serialization;

namespace Berth.Native.Images;

/// <summary>
/// An image's configuration blob, in the field names Docker and the OCI image spec write
/// (<c>architecture</c>, <c>os</c>, <c>config</c>, <c>rootfs</c>, <c>history</c>). The image id is the
/// sha256 of the blob's exact bytes, which the store keeps; this record is what berth reads of it.
/// </summary>
public sealed record ImageConfigFile
{
    [JsonPropertyName("architecture")] public string? Architecture { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("created")] public DateTimeOffset? Created { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("config")] public ImageRunConfig? Config { get; init; }
    [JsonPropertyName("rootfs")] public ImageRootFs? RootFs { get; init; }
    [JsonPropertyName("history")] public IReadOnlyList<ImageHistory>? History { get; init; }
}
