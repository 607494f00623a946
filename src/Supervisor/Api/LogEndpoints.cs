using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Berth.Actors.Containers;
using Berth.Actors.Hosting;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>GET /containers/{id}/logs</c>: stdout/stderr, follow, timestamps, tail, since, until, in Docker's
/// 8-byte multiplexed framing (raw text for a TTY container). Following ends once the container
/// stopped and everything it wrote was sent.
/// </summary>
internal static class LogEndpoints
{
    public static void Map(WebApplication app) => app.MapGet("/containers/{id}/logs", Logs);

    private static async Task Logs(HttpContext http, string id)
    {
        var query = http.Request.Query;
        bool Flag(string name) => ApiVersionPrefix.QueryFlag(http, name);
        var (stdout, stderr, follow, timestamps) = (Flag("stdout"), Flag("stderr"), Flag("follow"), Flag("timestamps"));
        if (!stdout && !stderr)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "Bad parameters: you must choose at least one stream");
            return;
        }
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await gateway.Container(id, new InspectContainer(), http.RequestAborted) is not ContainerDetails details)
        {
            await ApiErrors.Refuse(http, await gateway.Container(id, new InspectContainer(), http.RequestAborted));
            return;
        }
        var since = UnixTime(query["since"]);
        var until = UnixTime(query["until"]);
        var tail = int.TryParse(query["tail"], out var n) && n >= 0 ? n : (int?)null;
        var state = details.State;
        var logs = http.RequestServices.GetRequiredService<ContainerLogs>();

        var running = state.IsRunning || state.Status == Actors.Lifecycle.ContainerStatus.Restarting;
        if (follow && running)
            _ = gateway.Container(state.Id, new WaitContainer(WaitCondition.NotRunning), http.RequestAborted, Timeout.InfiniteTimeSpan)
                .ContinueWith(_ => running = false, TaskScheduler.Default);

        http.Response.ContentType = state.Config.Tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        var skip = tail is { } keep ? Math.Max(0, await CountAsync(logs, state.Id, http.RequestAborted) - keep) : 0;
        await foreach (var line in logs.ReadAsync(state.Id, follow, () => running, http.RequestAborted))
        {
            if (skip > 0) { skip--; continue; }
            if (line.IsStderr ? !stderr : !stdout) continue;
            if (since is { } s && line.Time < s || until is { } u && line.Time > u) continue;
            var text = timestamps ? Rfc3339Nano(line.Time) + " " + line.Text : line.Text;
            await Frame(http, state.Config.Tty, line.IsStderr, text);
        }
    }

    private static async Task<int> CountAsync(ContainerLogs logs, string id, CancellationToken cancel)
    {
        var count = 0;
        await foreach (var _ in logs.ReadAsync(id, follow: false, () => false, cancel)) count++;
        return count;
    }

    /// <summary>Docker's stream framing: [1=stdout|2=stderr, 0, 0, 0, size (big-endian u32)] then the payload.</summary>
    private static async Task Frame(HttpContext http, bool tty, bool isStderr, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        if (!tty)
        {
            var header = new byte[8];
            header[0] = isStderr ? (byte)2 : (byte)1;
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
            await http.Response.Body.WriteAsync(header, http.RequestAborted);
        }
        await http.Response.Body.WriteAsync(payload, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    /// <summary>RFC 3339 with nine fractional digits, as Docker prints log timestamps (.NET keeps 100 ns ticks).</summary>
    private static string Rfc3339Nano(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    /// <summary>Docker's since/until: unix seconds, optionally fractional; 0 or absent = unbounded.</summary>
    private static DateTimeOffset? UnixTime(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;
}
