using System.Text;
using System.Text.Json;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The subset of Go templates that <c>--format</c> users write most: literal text, <c>{{.Path.To.Field}}</c>,
/// <c>{{json .Field}}</c> and <c>{{.}}</c>, evaluated against the JSON the API returned.
/// </summary>
internal static class GoTemplate
{
    public static string Render(string template, JsonElement data)
    {
        var output = new StringBuilder();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0) { output.Append(template, position, template.Length - position); break; }
            output.Append(template, position, open - position);
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) throw new CliException($"template: unclosed action in \"{template}\"");
            output.Append(Evaluate(template[(open + 2)..close].Trim(), data));
            position = close + 2;
        }
        return output.ToString().Replace("\\n", "\n").Replace("\\t", "\t");
    }

    private static string Evaluate(string action, JsonElement data)
    {
        var asJson = action.StartsWith("json ", StringComparison.Ordinal);
        var path = asJson ? action[5..].Trim() : action;
        if (!path.StartsWith('.')) throw new CliException($"template: unsupported action \"{action}\"");
        var value = data;
        foreach (var part in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
                return asJson ? "null" : "<no value>";
        }
        if (asJson) return value.GetRawText();
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "<nil>",
            JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())) + "]",
            JsonValueKind.Object => "map[" + string.Join(' ', value.EnumerateObject().Select(p => $"{p.Name}:{(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}")) + "]",
            _ => value.GetRawText(),
        };
    }
}
