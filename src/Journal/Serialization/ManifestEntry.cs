using System.Text.Json;

namespace Berth.Journal.Serialization;

/// <summary>
/// One manifest the serializer can read: its stable name (<c>"exited/1"</c>), the CLR type it is
/// written from (null for a retired version that is only read), and how to read it. A retired
/// version reads through an upcaster into the current type.
/// </summary>
public sealed record ManifestEntry(string Manifest, Type? WrittenFrom, Func<ReadOnlyMemory<byte>, JsonSerializerOptions, object> Read)
{
    /// <summary>The current version of <typeparamref name="T"/>: written and read as is.</summary>
    public static ManifestEntry Current<T>(string manifest) where T : class =>
        new(manifest, typeof(T), (bytes, options) =>
            JsonSerializer.Deserialize<T>(bytes.Span, options)
            ?? throw new JsonException($"manifest {manifest}: the payload is JSON null"));

    /// <summary>A retired version, read as <typeparamref name="TOld"/> and upcast to the current type.</summary>
    public static ManifestEntry Retired<TOld>(string manifest, Func<TOld, object> upcast) where TOld : class =>
        new(manifest, null, (bytes, options) => upcast(
            JsonSerializer.Deserialize<TOld>(bytes.Span, options)
            ?? throw new JsonException($"manifest {manifest}: the payload is JSON null")));
}
