using System.Globalization;
using System.Text.Json;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary>
/// One <c>ps</c> row as docker formats it — for the table and for <c>--format</c> templates alike: a short id
/// and a quoted, shortened command unless <c>--no-trunc</c>, names without the leading slash, labels as
/// <c>k=v,…</c>. Templates see docker's field names (<c>.ID .Image .Command .CreatedAt .RunningFor .Ports
/// .State .Status .Size .Names .Labels</c>), not the API's.
/// </summary>
internal sealed record PsFormatRow(
    string ID, string Image, string Command, string CreatedAt, string RunningFor, string Ports,
    string State, string Status, string Size, string Names, string Labels)
{
    public static PsFormatRow Of(ApiContainerSummary row, bool noTrunc, DateTimeOffset now)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(row.Created);
        return new PsFormatRow(
            noTrunc ? row.Id : row.Id[..Math.Min(12, row.Id.Length)],
            row.Image,
            $"\"{(noTrunc || row.Command.Length <= 20 ? row.Command : row.Command[..19] + "…")}\"",
            created.ToString("yyyy-MM-dd HH:mm:ss +0000 'UTC'", CultureInfo.InvariantCulture),
            HumanDuration.Format(now - created) + " ago",
            string.Join(", ", row.Ports.Select(p => p.PublicPort is { } pub ? $"{p.IP}:{pub}->{p.PrivatePort}/{p.Type}" : $"{p.PrivatePort}/{p.Type}")),
            row.State,
            row.Status,
            row.SizeRw is { } rw ? $"{Units.Human(rw)} (virtual {Units.Human(row.SizeRootFs ?? rw)})" : "",
            string.Join(',', row.Names.Select(n => n.TrimStart('/'))),
            string.Join(',', row.Labels.Select(l => $"{l.Key}={l.Value}")));
    }

    /// <summary>The row as the template engine's data.</summary>
    public JsonElement ToTemplateData()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in Fields()) json.WriteString(name, value);
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private IEnumerable<(string, string)> Fields() =>
    [
        (nameof(ID), ID), (nameof(Image), Image), (nameof(Command), Command), (nameof(CreatedAt), CreatedAt),
        (nameof(RunningFor), RunningFor), (nameof(Ports), Ports), (nameof(State), State), (nameof(Status), Status),
        (nameof(Size), Size), (nameof(Names), Names), (nameof(Labels), Labels),
    ];
}
