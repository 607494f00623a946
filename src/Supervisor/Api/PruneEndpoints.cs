using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Images;
using Berth.Actors.Inspection;
using Berth.Actors.Lifecycle;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>POST /containers/prune</c> (every container that is not running, filtered by until and
/// label/label!) and <c>POST /images/prune</c> (unused dangling images, or every unused image with
/// <c>dangling=false</c>), answering what was deleted and the space reclaimed.
/// </summary>
internal static class PruneEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/containers/prune", Containers);
        app.MapPost("/images/prune", Images);
    }

    private static async Task Containers(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await Filters(http, gateway.Clock.GetUtcNow(), "until", "label", "label!") is not { } f) return;
        var reply = await gateway.List(all: true, http.RequestAborted);
        if (reply is not ContainerList list) { await ApiErrors.Refuse(http, reply); return; }
        var files = http.RequestServices.GetRequiredService<ContainerFiles>();
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var c in list.Containers.Where(c => c.Status is ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Dead))
        {
            if (f.Until is { } until && c.CreatedAt >= until || !f.Labels(c.Config.Labels)) continue;
            var size = files.SizeRw(c.Id);
            if (await gateway.Container(c.Id, new RemoveContainer(), http.RequestAborted) is not Done) continue;
            deleted.Add(c.Id);
            reclaimed += size;
        }
        await http.Response.WriteAsJsonAsync(new ApiContainerPrune(deleted, reclaimed), ApiJson.Default.ApiContainerPrune);
    }

    private static async Task Images(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await Filters(http, gateway.Clock.GetUtcNow(), "until", "label", "label!", "dangling") is not { } f) return;
        var danglingOnly = f.Raw.Get("dangling") is not [var d, ..] || d is "true" or "1";
        var reply = await gateway.Images(new ListImages(), http.RequestAborted);
        if (reply is not ImageList list) { await ApiErrors.Refuse(http, reply); return; }
        var items = new List<ApiImageDeleteItem>();
        long reclaimed = 0;
        foreach (var image in list.Images.Where(i => i.Containers == 0 && (!danglingOnly || i.RepoTags.Count == 0)))
        {
            if (f.Until is { } until && (image.Created ?? DateTimeOffset.MinValue) >= until || !f.Labels(image.Labels)) continue;
            if (await gateway.Images(new RemoveImage(image.Id, Force: false), http.RequestAborted) is not ImagesRemoved removed) continue;
            items.AddRange(removed.Items.Select(i => new ApiImageDeleteItem(i.Untagged, i.Deleted)));
            if (removed.Items.Any(i => i.Deleted is not null)) reclaimed += image.Size;
        }
        await http.Response.WriteAsJsonAsync(new ApiImagePrune(items, reclaimed), ApiJson.Default.ApiImagePrune);
    }

    private static async Task<PruneFilters?> Filters(HttpContext http, DateTimeOffset now, params string[] accepted)
    {
        var filters = DockerFilters.Parse(http.Request.Query["filters"].ToString(), out var error);
        error ??= filters!.Unknown(accepted);
        DateTimeOffset? until = null;
        foreach (var text in filters?.Get("until") ?? [])
            if (DockerFilters.Until(text, now) is { } t) until = t;
            else error ??= $"invalid filter 'until={text}'";
        if (filters?.Get("dangling") is [var d, ..] && d is not ("true" or "false" or "1" or "0"))
            error ??= $"invalid filter 'dangling={d}'";
        if (error is null) return new PruneFilters(filters!, until);
        await ApiErrors.Write(http, StatusCodes.Status400BadRequest, error);
        return null;
    }

    private sealed record PruneFilters(DockerFilters Raw, DateTimeOffset? Until)
    {
        public bool Labels(IReadOnlyDictionary<string, string>? labels) =>
            DockerFilters.MatchLabels(Raw.Get("label"), labels)
            && !Raw.Get("label!").Any(l => DockerFilters.MatchLabels([l], labels));
    }
}
