using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Supervisor.Api;

/// <summary>Reads a small JSON request body; malformed JSON or wrong types are answered 400 here (null returned).</summary>
internal static class JsonBody
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The body as <typeparamref name="T"/>; an empty body gives <paramref name="empty"/>.</summary>
    public static async Task<T?> Read<T>(HttpContext http, JsonTypeInfo<T> type, T empty) where T : class
    {
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxBodyBytes) { await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "request body is too large"); return null; }
            if (buffer.Length == 0) return empty;
            var value = JsonSerializer.Deserialize(buffer.ToArray(), type);
            return value ?? empty;
        }
        catch (JsonException e)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "invalid JSON: " + e.Message);
            return null;
        }
    }
}
