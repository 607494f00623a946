using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Native.Storage;

namespace Berth.Native.Images;

/// <summary>
/// JSON settings for image configs and manifests: Go's decoder matches field names without regard
/// to case, so berth does too; nulls are not written.
/// </summary>
public static class ImageJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses an image config blob; a malformed one is the archive's fault.</summary>
    public static ImageConfigFile ParseConfig(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<ImageConfigFile>(json, Options)
                ?? throw new StorageException(StorageErrorKind.InvalidParameter, "image config is null");
        }
        catch (JsonException e)
        {
            throw new StorageException(StorageErrorKind.InvalidParameter, $"invalid image config: {e.Message}", inner: e);
        }
    }
}
