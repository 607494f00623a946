using System.Globalization;
using Berth.Actors;
using Berth.Actors.Registry;
using Berth.Journal.Query;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>GET /containers/{id}/history</c> (a berth extension): a container's whole journaled life, oldest first.
/// A live container resolves as every container route resolves it (registry: id, name, unique prefix); a
/// container that is gone is looked for in the journal, whose rows outlive it (and the daemon's restarts).
/// </summary>
internal static class HistoryEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/containers/{id}/history", (HttpContext h, string id) => History(h, id));

    private static async Task History(HttpContext http, string reference)
    {
        var journal = http.RequestServices.GetRequiredService<ContainerHistoryReader>();
        var live = await http.RequestServices.GetRequiredService<ActorGateway>().Registry(new ResolveContainer(reference), http.RequestAborted);
        string id;
        if (live is Resolved resolved) id = resolved.Id;
        else if (live is Rejected { Kind: not ErrorKind.NotFound } refused) { await ApiErrors.Write(http, refused); return; }
        else
        {
            switch (journal.Find(reference))
            {
                case ContainerJournalLookup.Found found: id = found.Id; break;
                case ContainerJournalLookup.Ambiguous:
                    await ApiErrors.Write(http, StatusCodes.Status400BadRequest, $"multiple IDs found with provided prefix: {reference}");
                    return;
                default:
                    await ApiErrors.Write(http, StatusCodes.Status404NotFound, $"No such container: {reference}");
                    return;
            }
        }
        var facts = journal.Read(id).Select(View).ToList();
        await http.Response.WriteAsJsonAsync(facts, ApiJson.Default.ListApiContainerFact, cancellationToken: http.RequestAborted);
    }

    internal static ApiContainerFact View(ContainerEventEnvelope envelope)
    {
        var at = envelope.Event.At.ToUniversalTime();
        var nanos = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return new ApiContainerFact(envelope.SequenceNr, envelope.Offset, Rfc3339Nano(at), nanos,
            ContainerFactText.Fact(envelope.Event), ContainerFactText.Detail(envelope.Event));
    }

    /// <summary>Go's RFC3339Nano in UTC: the fraction without trailing zeros, none at all for a whole second.</summary>
    internal static string Rfc3339Nano(DateTimeOffset utc)
    {
        var fraction = (utc.UtcTicks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (fraction.Length > 0 ? "." + fraction : "") + "Z";
    }
}
