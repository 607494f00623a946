using System.Text.Json;

namespace Berth.Actors.Events;

/// <summary>
/// Docker's event filters (<c>filters={"type":{"container":true},"event":{"die":true}}</c>, or the legacy
/// <c>{"type":["container"]}</c>) and dockerd's rules for them: values of one key are alternatives, keys
/// are all required; <c>container</c>, <c>network</c>, <c>volume</c> … match the actor's id or name by
/// prefix; <c>image</c> matches the image's id or name, with or without its tag; <c>label</c> matches
/// every <c>key</c> or <c>key=value</c> given against the attributes.
/// </summary>
public sealed class EventFilter
{
    private static readonly string[] NameKeys = ["container", "network", "volume", "daemon", "plugin", "node", "service", "secret", "config"];
    private static readonly HashSet<string> Keys = [.. NameKeys, "type", "event", "image", "label", "scope"];
    private static readonly HashSet<string> FuzzyEvents = ["health_status", "exec_create", "exec_start"];

    private readonly IReadOnlyDictionary<string, HashSet<string>> _fields;

    private EventFilter(IReadOnlyDictionary<string, HashSet<string>> fields) => _fields = fields;

    public static readonly EventFilter None = new(new Dictionary<string, HashSet<string>>());

    /// <summary>Parses the <c>filters</c> query value; throws <see cref="FormatException"/> with Docker's wording.</summary>
    public static EventFilter Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        var fields = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("invalid filter");
            foreach (var key in document.RootElement.EnumerateObject())
            {
                if (!Keys.Contains(key.Name)) throw new FormatException($"invalid filter '{key.Name}'");
                fields[key.Name] = Values(key.Value);
            }
        }
        catch (JsonException)
        {
            throw new FormatException("invalid filter");
        }
        return new EventFilter(fields);
    }

    /// <summary>Builds a filter from <c>key=value</c> pairs (tests and the CLI's own checks).</summary>
    public static EventFilter From(IEnumerable<(string Key, string Value)> pairs)
    {
        var fields = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!Keys.Contains(key)) throw new FormatException($"invalid filter '{key}'");
            if (!fields.TryGetValue(key, out var values)) fields[key] = values = new HashSet<string>(StringComparer.Ordinal);
            values.Add(value);
        }
        return new EventFilter(fields);
    }

    public bool Includes(DockerEvent e) =>
        MatchEvent(e.Action)
        && Exact("type", e.Type)
        && (!_fields.ContainsKey("scope") || Exact("scope", e.Scope))
        && NameKeys.All(key => Fuzzy(key, e.ActorId) || Fuzzy(key, Attribute(e, "name")))
        && MatchImage(e)
        && MatchLabels(e.Attributes);

    private static HashSet<string> Values(JsonElement value)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var v in value.EnumerateObject())
                    if (v.Value.ValueKind == JsonValueKind.True) values.Add(v.Name);
                    else if (v.Value.ValueKind != JsonValueKind.False) throw new FormatException("invalid filter");
                break;
            case JsonValueKind.Array:
                foreach (var v in value.EnumerateArray())
                    values.Add(v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException("invalid filter"));
                break;
            default:
                throw new FormatException("invalid filter");
        }
        return values;
    }

    private bool MatchEvent(string action) =>
        _fields.TryGetValue("event", out var wanted) && wanted.Overlaps(FuzzyEvents) ? Fuzzy("event", action) : Exact("event", action);

    private bool MatchImage(DockerEvent e)
    {
        var name = Attribute(e, e.Type == "image" ? "name" : "image");
        return Exact("image", e.ActorId) || Exact("image", name) || Exact("image", StripTag(e.ActorId)) || Exact("image", StripTag(name));
    }

    private bool MatchLabels(IReadOnlyDictionary<string, string> attributes)
    {
        if (!_fields.TryGetValue("label", out var wanted) || wanted.Count == 0) return true;
        if (attributes.Count == 0) return false;
        return wanted.All(w =>
        {
            var parts = w.Split('=', 2);
            return attributes.TryGetValue(parts[0], out var value) && (parts.Length == 1 || parts[1] == value);
        });
    }

    /// <summary>True when the key is not filtered on, or one of its values is exactly <paramref name="source"/>.</summary>
    private bool Exact(string key, string source) =>
        !_fields.TryGetValue(key, out var values) || values.Count == 0 || values.Contains(source);

    /// <summary>As <see cref="Exact"/>, or one of the key's values is a prefix of <paramref name="source"/>.</summary>
    private bool Fuzzy(string key, string source) =>
        Exact(key, source) || _fields[key].Any(prefix => source.StartsWith(prefix, StringComparison.Ordinal));

    private static string Attribute(DockerEvent e, string key) => e.Attributes.TryGetValue(key, out var value) ? value : "";

    /// <summary>An image reference without its tag or digest (<c>busybox:1.36</c> → <c>busybox</c>).</summary>
    private static string StripTag(string reference)
    {
        if (reference.StartsWith("sha256:", StringComparison.Ordinal)) return reference;
        var at = reference.IndexOf('@');
        if (at >= 0) reference = reference[..at];
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? reference[..colon] : reference;
    }
}
