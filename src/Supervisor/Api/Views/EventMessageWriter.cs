using System.Text.Json;
using Berth.Actors.Events;

namespace Berth.Supervisor.Api.Views;

/// <summary>
/// Writes a <see cref="DockerEvent"/> as Docker's events message: <c>Type</c>, <c>Action</c>,
/// <c>Actor{ID, Attributes}</c>, <c>scope</c>, <c>time</c>, <c>timeNano</c>, plus the legacy
/// <c>status</c>/<c>id</c>/<c>from</c> that dockerd still sends below API 1.52 (older docker CLIs need them).
/// </summary>
internal static class EventMessageWriter
{
    public static void Write(Utf8JsonWriter json, DockerEvent e)
    {
        json.WriteStartObject();
        if (e.Type is "container" or "image")
        {
            json.WriteString("status", e.Action);
            json.WriteString("id", e.ActorId);
            if (e.Type == "container") json.WriteString("from", e.Attributes.TryGetValue("image", out var image) ? image : "");
        }
        json.WriteString("Type", e.Type);
        json.WriteString("Action", e.Action);
        json.WriteStartObject("Actor");
        json.WriteString("ID", e.ActorId);
        json.WriteStartObject("Attributes");
        foreach (var (key, value) in e.Attributes) json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("scope", e.Scope);
        json.WriteNumber("time", e.Time.ToUnixTimeSeconds());
        json.WriteNumber("timeNano", e.TimeNano);
        json.WriteEndObject();
    }
}
