using System.Text.Json.Serialization;

namespace Berth.Native.Images;

/// <summary>The <c>rootfs</c> of an image config: the DiffIDs of its layers, bottom first.</summary>
public sealed record ImageRootFs
{
    [JsonPropertyName("type")] public string Type { get; init; } = "layers";
    [JsonPropertyName("diff_ids")] public IReadOnlyList<string>? DiffIds { get; init; }
}
