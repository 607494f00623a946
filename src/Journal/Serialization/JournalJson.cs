using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Journal.Serialization;

/// <summary>
/// The JSON settings of everything journaled. Property names keep Docker's PascalCase; nulls are
/// omitted so an optional field added later reads as its default from older rows; unknown
/// properties are ignored so a newer row still reads in an older build.
/// </summary>
public static class JournalJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
