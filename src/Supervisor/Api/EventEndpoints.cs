using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Berth.Actors.Events;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>GET /events</c>: Docker's event stream, newline-delimited JSON. With <c>since</c> or <c>until</c> the
/// past comes from the journal (all of it: <c>since=0</c> is every event ever recorded, across daemon
/// restarts); without <c>until</c> it then streams live events until the client goes; with an
/// <c>until</c> in the past it ends after the past.
/// </summary>
internal static class EventEndpoints
{
    public static void Map(WebApplication app, IActorRef feed) => app.MapGet("/events", (HttpContext http) => Events(http, feed));

    private static async Task Events(HttpContext http, IActorRef feed)
    {
        var query = http.Request.Query;
        EventRequest request;
        try
        {
            var since = Timestamp(query["since"].ToString());
            var until = Timestamp(query["until"].ToString());
            if (until is { } u && since is { } s && u < s)
                throw new FormatException($"`since` time ({query["since"]}) cannot be after `until` time ({query["until"]})");
            request = new EventRequest(since, until, EventFilter.Parse(query["filters"].ToString()));
        }
        catch (FormatException error)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, error.Message);
            return;
        }
        var channel = Channel.CreateUnbounded<DockerEvent>(new UnboundedChannelOptions { SingleReader = true });
        feed.Tell(new OpenEventStream(request, channel.Writer, http.RequestAborted));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        var reader = channel.Reader;
        while (await reader.WaitToReadAsync(http.RequestAborted))
        {
            // Everything already waiting goes out in one flush; a live event is flushed on its own.
            while (reader.TryRead(out var e))
            {
                EventMessageWriter.Write(json, e);
                json.Flush();
                json.Reset();
                http.Response.BodyWriter.Write("\n"u8);
            }
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
    }

    /// <summary>Docker's <c>since</c>/<c>until</c>: unix seconds with optional fraction (<c>1700000000.123456789</c>); empty = none.</summary>
    private static DateTimeOffset? Timestamp(string text)
    {
        if (text.Length == 0) return null;
        var dot = text.IndexOf('.');
        var secondsText = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (!long.TryParse(secondsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || fraction.Length > 0 && !fraction.All(char.IsAsciiDigit)
            || seconds is < -62135596800 or > 253402300799)
            throw new FormatException($"invalid timestamp \"{text}\": expected unix seconds, optionally with a fraction");
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        return DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(ticks);
    }
}
