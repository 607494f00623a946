using System.Text.Json;
using Berth.Actors;
using Berth.Actors.Images;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>Docker's image routes: load, import (<c>images/create?fromSrc=-</c>), list, inspect, tag, remove.</summary>
internal static class ImageEndpoints
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(30);

    public static void Map(WebApplication app)
    {
        app.MapPost("/images/load", Load);
        app.MapPost("/images/create", Create);
        app.MapGet("/images/json", List);
        // Image names hold slashes (berth-test/app:1): one catch-all route per method, split by suffix.
        app.MapGet("/images/{**rest}", (HttpContext h, string rest) =>
            rest.EndsWith("/json", StringComparison.Ordinal) ? Inspect(h, rest[..^5])
            : rest.EndsWith("/history", StringComparison.Ordinal) ? History(h, rest[..^8])
            : ApiErrors.Write(h, StatusCodes.Status404NotFound, $"page not found: GET /images/{rest}"));
        app.MapPost("/images/{**rest}", (HttpContext h, string rest) => rest.EndsWith("/tag", StringComparison.Ordinal)
            ? Tag(h, rest[..^4])
            : ApiErrors.Write(h, StatusCodes.Status404NotFound, $"page not found: POST /images/{rest}"));
        app.MapDelete("/images/{**name}", Remove);
    }

    private static async Task Load(HttpContext http)
    {
        var reply = await Gateway(http).Images(new LoadImages(http.Request.Body), http.RequestAborted, LoadTimeout);
        if (reply is not ImagesLoaded loaded) { await ApiErrors.Refuse(http, reply); return; }
        http.Response.ContentType = "application/json";
        foreach (var image in loaded.Images)
        {
            var lines = image.Tags.Count > 0 ? image.Tags.Select(t => $"Loaded image: {t}\n") : [$"Loaded image ID: {image.Id}\n"];
            foreach (var line in lines) await Progress(http, new ApiProgress(Stream: line));
        }
    }

    private static async Task Create(HttpContext http)
    {
        var query = http.Request.Query;
        if (query["fromImage"].ToString() is { Length: > 0 } pull)
        {
            await ApiErrors.Write(http, StatusCodes.Status404NotFound,
                $"pull access denied for {pull}: berth has no registry client; load images with 'berth load' or import them");
            return;
        }
        if (query["fromSrc"].ToString() != "-")
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "only fromSrc=- (the request body) is supported for import");
            return;
        }
        var repo = query["repo"].ToString();
        var tag = repo.Length == 0 ? null : query["tag"].ToString() is { Length: > 0 } t ? $"{repo}:{t}" : repo;
        var reply = await Gateway(http).Images(new ImportImage(http.Request.Body, tag), http.RequestAborted, LoadTimeout);
        if (reply is not ImagesLoaded loaded) { await ApiErrors.Refuse(http, reply); return; }
        http.Response.ContentType = "application/json";
        await Progress(http, new ApiProgress(Status: loaded.Images[0].Id));
    }

    private static async Task List(HttpContext http)
    {
        var reply = await Gateway(http).Images(new ListImages(), http.RequestAborted);
        if (reply is not ImageList list) { await ApiErrors.Refuse(http, reply); return; }
        var rows = list.Images.Select(i => new ApiImageSummary(i.Id, "", i.RepoTags.ToList(), [], i.Created?.ToUnixTimeSeconds() ?? 0,
            i.Size, -1, i.Labels.ToDictionary(), i.Containers)).ToList();
        await http.Response.WriteAsJsonAsync(rows, ApiJson.Default.ListApiImageSummary);
    }

    private static async Task Inspect(HttpContext http, string name)
    {
        var reply = await Gateway(http).Images(new InspectImage(name), http.RequestAborted);
        if (reply is not ImageDetail d) { await ApiErrors.Refuse(http, reply); return; }
        var view = new ApiImageInspect(d.Id, d.RepoTags.ToList(), [], "", "", d.Created is { } c ? ContainerViews.Time(c) : "",
            d.Author ?? "", ConfigMapping.ToApi(d.Config), d.Architecture ?? "", d.Os ?? "linux", d.Size,
            new ApiRootFs("layers", d.DiffIds.ToList()));
        await http.Response.WriteAsJsonAsync(view, ApiJson.Default.ApiImageInspect);
    }

    /// <summary>docker history: newest step first; the top step carries the image id and tags, older ones "&lt;missing&gt;".</summary>
    private static async Task History(HttpContext http, string name)
    {
        var reply = await Gateway(http).Images(new InspectImage(name), http.RequestAborted);
        if (reply is not ImageDetail d) { await ApiErrors.Refuse(http, reply); return; }
        var rows = d.History.Reverse().Select((h, i) => new ApiHistoryItem(i == 0 ? d.Id : "<missing>", h.Created?.ToUnixTimeSeconds() ?? 0,
            h.CreatedBy, i == 0 ? d.RepoTags.ToList() : null, h.Size, h.Comment)).ToList();
        await http.Response.WriteAsJsonAsync(rows, ApiJson.Default.ListApiHistoryItem);
    }

    private static async Task Tag(HttpContext http, string name)
    {
        var repo = http.Request.Query["repo"].ToString();
        if (repo.Length == 0) { await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "repository name must have at least one component"); return; }
        var tag = http.Request.Query["tag"].ToString();
        var reply = await Gateway(http).Images(new TagImage(name, tag.Length > 0 ? $"{repo}:{tag}" : repo), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = StatusCodes.Status201Created;
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task Remove(HttpContext http, string name)
    {
        var reply = await Gateway(http).Images(new RemoveImage(name, ApiVersionPrefix.QueryFlag(http, "force")), http.RequestAborted);
        if (reply is not ImagesRemoved removed) { await ApiErrors.Refuse(http, reply); return; }
        await http.Response.WriteAsJsonAsync(removed.Items.Select(i => new ApiImageDeleteItem(i.Untagged, i.Deleted)).ToList(),
            ApiJson.Default.ListApiImageDeleteItem);
    }

    private static async Task Progress(HttpContext http, ApiProgress line)
    {
        await JsonSerializer.SerializeAsync(http.Response.Body, line, ApiJson.Default.ApiProgress, http.RequestAborted);
        await http.Response.WriteAsync("\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static ActorGateway Gateway(HttpContext http) => http.RequestServices.GetRequiredService<ActorGateway>();
}
