using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Native.Images;

/// <summary>Reads Go's <c>map[string]struct{}</c> sets (<c>{"8080/tcp":{}}</c>) as a sorted list and writes them back as objects.</summary>
public sealed class StringSetJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object of keys");
        var keys = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            keys.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var key in value)
        {
            writer.WriteStartObject(key);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
