using System.Globalization;
using System.Text.Json;
using Berth.Actors;
using Berth.Actors.Volumes;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary>docker's volume routes: list, create, inspect, remove (409 while in use), prune.</summary>
internal static class VolumeEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/volumes", List);
        app.MapPost("/volumes/create", Create);
        app.MapPost("/volumes/prune", Prune);
        app.MapGet("/volumes/{name}", (HttpContext h, string name) => Inspect(h, name));
        app.MapDelete("/volumes/{name}", (HttpContext h, string name) => Remove(h, name));
    }

    private static async Task List(HttpContext http)
    {
        var reply = await Gateway(http).Volumes(new ListVolumes(), http.RequestAborted);
        if (reply is not VolumeList list) { await ApiErrors.Refuse(http, reply); return; }
        var dangling = Filters(http).TryGetValue("dangling", out var d) ? d.FirstOrDefault() : null;
        var rows = list.Volumes.Where(v => dangling is null || (dangling is "true" or "1") == (v.UsedBy.Count == 0));
        var names = Filters(http).TryGetValue("name", out var n) ? n : null;
        rows = rows.Where(v => names is null || names.Any(x => v.Name.Contains(x, StringComparison.Ordinal)));
        await http.Response.WriteAsJsonAsync(new ApiVolumeList([.. rows.Select(View)], []), ApiJson.Default.ApiVolumeList);
    }

    private static async Task Create(HttpContext http)
    {
        if (await JsonBody.Read(http, ApiJson.Default.ApiVolumeCreate, new ApiVolumeCreate(null, null, null, null)) is not { } body) return;
        var reply = await Gateway(http).Volumes(new CreateVolume(body.Name, body.Driver, body.Labels, body.DriverOpts), http.RequestAborted);
        if (reply is not VolumeDetails created) { await ApiErrors.Refuse(http, reply); return; }
        http.Response.StatusCode = StatusCodes.Status201Created;
        await http.Response.WriteAsJsonAsync(View(created), ApiJson.Default.ApiVolume);
    }

    private static async Task Inspect(HttpContext http, string name)
    {
        var reply = await Gateway(http).Volumes(new GetVolume(name), http.RequestAborted);
        if (reply is VolumeDetails details) await http.Response.WriteAsJsonAsync(View(details), ApiJson.Default.ApiVolume);
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task Remove(HttpContext http, string name)
    {
        var reply = await Gateway(http).Volumes(new RemoveVolume(name, ApiVersionPrefix.QueryFlag(http, "force")), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = StatusCodes.Status204NoContent;
        else await ApiErrors.Refuse(http, reply);
    }

    /// <summary>docker's volume prune: unused anonymous volumes (every unused one with all=true), narrowed by label and label!.</summary>
    private static async Task Prune(HttpContext http)
    {
        var gateway = Gateway(http);
        // docker's volume prune takes no until: volumes have no creation time it filters on.
        if (await PruneFilters.ReadAsync(http, gateway.Clock.GetUtcNow(), "label", "label!", "all") is not { } f) return;
        IReadOnlySet<string>? only = null;
        if (f.Raw.Has("label") || f.Raw.Has("label!"))
        {
            var listed = await gateway.Volumes(new ListVolumes(), http.RequestAborted);
            if (listed is not VolumeList list) { await ApiErrors.Refuse(http, listed); return; }
            only = list.Volumes.Where(v => f.Matches(null, v.Labels)).Select(v => v.Name).ToHashSet();
        }
        var reply = await gateway.Volumes(new PruneVolumes(f.IsTrue("all"), only), http.RequestAborted);
        if (reply is VolumesPruned pruned)
            await http.Response.WriteAsJsonAsync(new ApiVolumePrune([.. pruned.Deleted], pruned.SpaceReclaimed), ApiJson.Default.ApiVolumePrune);
        else await ApiErrors.Refuse(http, reply);
    }

    private static ActorGateway Gateway(HttpContext http) => http.RequestServices.GetRequiredService<ActorGateway>();

    private static ApiVolume View(VolumeDetails v)
    {
        return new ApiVolume(v.Name, "local", v.Mountpoint, v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            v.Labels.ToDictionary(), "local", v.Options.ToDictionary(), new ApiVolumeUsage(-1, v.UsedBy.Count));
    }

    /// <summary>docker's <c>filters</c> query: JSON of name → values (a list, or the older map of value → true).</summary>
    private static Dictionary<string, List<string>> Filters(HttpContext http)
    {
        var text = http.Request.Query["filters"].ToString();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (text.Length == 0) return result;
        try
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var filter in doc.RootElement.EnumerateObject())
                result[filter.Name] = filter.Value.ValueKind == JsonValueKind.Array
                    ? [.. filter.Value.EnumerateArray().Select(e => e.ToString())]
                    : [.. filter.Value.EnumerateObject().Select(e => e.Name)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // An unreadable filter filters nothing, rather than failing the list.
        }
        return result;
    }
}
