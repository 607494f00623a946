using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth events</c>: docker events' flags (<c>--since</c>, <c>--until</c>, <c>--filter k=v</c> repeatable,
/// <c>--format</c>) and its line format, <c>TIME TYPE ACTION ID (k=v, …)</c>. berth keeps every event, so
/// <c>berth events --since 0 --until 0s --filter container=NAME</c> is a container's whole history.
/// </summary>
internal static class EventsCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--since", "--until", "--filter|-f", "--format"], []);
        if (a.Positional.Count > 0) throw new CliException("\"events\" accepts no arguments.\nUsage:  berth events [OPTIONS]");
        var now = DateTimeOffset.UtcNow;
        var query = new List<string>();
        if (a.Value("--since") is { } since) query.Add("since=" + ApiClient.Query(Timestamp(since, now)));
        if (a.Value("--until") is { } until) query.Add("until=" + ApiClient.Query(Timestamp(until, now)));
        if (a.Values("--filter").Count > 0) query.Add("filters=" + ApiClient.Query(Filters(a.Values("--filter"))));
        using var response = await client.SendAsync(HttpMethod.Get, "/events" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        var format = a.Value("--format");
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0) continue;
            using var message = JsonDocument.Parse(line);
            await output.WriteLineAsync(format is null ? Line(message.RootElement) : GoTemplate.Render(format, message.RootElement));
            await output.FlushAsync();
        }
        return 0;
    }

    /// <summary>docker's plain line: RFC 3339 time with nanoseconds, type, action, actor id, sorted attributes.</summary>
    internal static string Line(JsonElement e)
    {
        var nanos = e.TryGetProperty("timeNano", out var tn) ? tn.GetInt64() : e.GetProperty("time").GetInt64() * 1_000_000_000;
        var time = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100).ToLocalTime();
        var stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + (nanos % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)
            + (time.Offset == TimeSpan.Zero ? "Z" : time.ToString("zzz", CultureInfo.InvariantCulture));
        var actor = e.GetProperty("Actor");
        var text = $"{stamp} {e.GetProperty("Type").GetString()} {e.GetProperty("Action").GetString()} {actor.GetProperty("ID").GetString()}";
        if (actor.TryGetProperty("Attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            var pairs = attributes.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}").ToList();
            if (pairs.Count > 0) text += " (" + string.Join(", ", pairs) + ")";
        }
        return text;
    }

    /// <summary>The filters query value from <c>key=value</c> flags: <c>{"key":{"value":true}}</c>.</summary>
    private static string Filters(IReadOnlyList<string> flags)
    {
        var fields = new SortedDictionary<string, SortedDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            var eq = flag.IndexOf('=');
            if (eq <= 0) throw new CliException($"invalid argument \"{flag}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)");
            var key = flag[..eq].Trim().ToLowerInvariant();
            if (!fields.TryGetValue(key, out var values)) fields[key] = values = new SortedDictionary<string, bool>(StringComparer.Ordinal);
            values[flag[(eq + 1)..].Trim()] = true;
        }
        var json = new StringBuilder("{");
        foreach (var (key, values) in fields)
        {
            if (json.Length > 1) json.Append(',');
            json.Append(JsonEncoded(key)).Append(":{").AppendJoin(',', values.Keys.Select(v => JsonEncoded(v) + ":true")).Append('}');
        }
        return json.Append('}').ToString();
    }

    private static string JsonEncoded(string text) => "\"" + System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(text) + "\"";

    /// <summary>docker's time arguments: unix seconds (sent as is), an RFC 3339 time or date, or a Go duration back from now.</summary>
    internal static string Timestamp(string text, DateTimeOffset now)
    {
        if (GoDuration.TryParse(text, out var ago)) return Unix(now - ago);
        if (text.Contains('-') || text.Contains('T'))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time)) return Unix(time);
            throw new CliException($"invalid value \"{text}\" for time: not a timestamp, RFC 3339 time or duration");
        }
        var parts = text.Split('.');
        if (parts.Length <= 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))) return text;
        throw new CliException($"failed to parse value as time or duration: \"{text}\"");
    }

    private static string Unix(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0) { seconds--; rest += TimeSpan.TicksPerSecond; }
        return seconds.ToString(CultureInfo.InvariantCulture) + "." + (rest * 100).ToString("D9", CultureInfo.InvariantCulture);
    }
}
