using System.Text.Json;

namespace Berth.Supervisor.Api.Views;

/// <summary>
/// Docker's <c>filters</c> query parameter: a JSON object of name → values, in either of Docker's
/// spellings (<c>{"label":["a=b"]}</c> or the older <c>{"label":{"a=b":true}}</c>).
/// </summary>
internal sealed class DockerFilters
{
    private readonly Dictionary<string, List<string>> _values;

    private DockerFilters(Dictionary<string, List<string>> values) => _values = values;

    public static readonly DockerFilters None = new(new Dictionary<string, List<string>>());

    public IEnumerable<string> Keys => _values.Keys;

    public bool Has(string key) => _values.ContainsKey(key);

    public IReadOnlyList<string> Get(string key) => _values.TryGetValue(key, out var v) ? v : [];

    /// <summary>Parses the query value; the error is Docker's wording for a malformed parameter.</summary>
    public static DockerFilters? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return None;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) { error = "invalid filter: the filters parameter must be a JSON object"; return null; }
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                var list = new List<string>();
                switch (prop.Value.ValueKind)
                {
                    case JsonValueKind.Array:
                        foreach (var item in prop.Value.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.String) { error = $"invalid filter '{prop.Name}': values must be strings"; return null; }
                            list.Add(item.GetString()!);
                        }
                        break;
                    case JsonValueKind.Object:
                        foreach (var item in prop.Value.EnumerateObject())
                            if (item.Value.ValueKind == JsonValueKind.True) list.Add(item.Name);
                        break;
                    default:
                        error = $"invalid filter '{prop.Name}': expected a list of values";
                        return null;
                }
                values[prop.Name] = list;
            }
            return new DockerFilters(values);
        }
        catch (JsonException e)
        {
            error = "invalid filter: " + e.Message;
            return null;
        }
    }

    /// <summary>The first key not in <paramref name="accepted"/>, as Docker's "invalid filter 'x'" refusal.</summary>
    public string? Unknown(params string[] accepted) =>
        _values.Keys.FirstOrDefault(k => !accepted.Contains(k)) is { } bad ? $"invalid filter '{bad}'" : null;

    /// <summary>Docker's label filter: every "key" must exist, every "key=value" match.</summary>
    public static bool MatchLabels(IReadOnlyList<string> wanted, IReadOnlyDictionary<string, string>? labels) =>
        wanted.All(w =>
        {
            var eq = w.IndexOf('=');
            if (eq < 0) return labels?.ContainsKey(w) == true;
            return labels is not null && labels.TryGetValue(w[..eq], out var v) && v == w[(eq + 1)..];
        });

    /// <summary>Docker's <c>until</c>: a unix timestamp, an RFC 3339 time, or a Go duration before now.</summary>
    public static DateTimeOffset? Until(string text, DateTimeOffset now)
    {
        if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            return time;
        return GoDuration.TryParse(text, out var ago) ? now - ago : null;
    }
}
