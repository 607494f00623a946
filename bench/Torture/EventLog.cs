using System.Globalization;
using System.Text.Json;

namespace Berth.Torture;

/// <summary>One container event from <c>GET /events</c>.</summary>
internal sealed record ContainerEvent(long TimeNano, string Id, string Action);

/// <summary>Reads the whole container event history up to now.</summary>
internal static class EventLog
{
    public static async Task<IReadOnlyList<ContainerEvent>> ReadAsync(UnixHttp http)
    {
        var until = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var text = await http.GetTextAsync($"events?since=0&until={until}");
        var events = new List<ContainerEvent>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.GetProperty("Type").GetString() != "container") continue;
            events.Add(new ContainerEvent(root.GetProperty("timeNano").GetInt64(), root.GetProperty("Actor").GetProperty("ID").GetString()!,
                root.GetProperty("Action").GetString()!));
        }
        return events;
    }
}
