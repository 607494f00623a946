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
/// <c>dangling=false</c>), answering what was deleted and the space reclaimed; <c>POST /build/prune</c>
/// answers that no build cache was deleted, as berth keeps none.
/// </summary>
internal static class PruneEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/containers/prune", Containers);
        app.MapPost("/images/prune", Images);
        // docker system prune ends with the build cache; berth has no builder and so no cache: nothing was deleted.
        app.MapPost("/build/prune", (HttpContext http) =>
            http.Response.WriteAsJsonAsync(new ApiBuildCachePrune([], 0), ApiJson.Default.ApiBuildCachePrune));
    }

    private static async Task Containers(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await PruneFilters.ReadAsync(http, gateway.Clock.GetUtcNow(), "until", "label", "label!") is not { } f) return;
        var reply = await gateway.List(all: true, http.RequestAborted);
        if (reply is not ContainerList list) { await ApiErrors.Refuse(http, reply); return; }
        var files = http.RequestServices.GetRequiredService<ContainerFiles>();
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var c in list.Containers.Where(c => c.Status is ContainerStatus.Created or ContainerStatus.Exited or ContainerStatus.Dead))
        {
            if (!f.Matches(c.CreatedAt, c.Config.Labels)) continue;
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
        if (await PruneFilters.ReadAsync(http, gateway.Clock.GetUtcNow(), "until", "label", "label!", "dangling") is not { } f) return;
        var danglingOnly = !f.Raw.Has("dangling") || f.IsTrue("dangling");
        var reply = await gateway.Images(new ListImages(), http.RequestAborted);
        if (reply is not ImageList list) { await ApiErrors.Refuse(http, reply); return; }
        var items = new List<ApiImageDeleteItem>();
        long reclaimed = 0;
        foreach (var image in list.Images.Where(i => i.Containers == 0 && (!danglingOnly || i.RepoTags.Count == 0)))
        {
            if (!f.Matches(image.Created, image.Labels)) continue;
            if (await gateway.Images(new RemoveImage(image.Id, Force: false), http.RequestAborted) is not ImagesRemoved removed) continue;
            items.AddRange(removed.Items.Select(i => new ApiImageDeleteItem(i.Untagged, i.Deleted)));
            if (removed.Items.Any(i => i.Deleted is not null)) reclaimed += image.Size;
        }
        await http.Response.WriteAsJsonAsync(new ApiImagePrune(items, reclaimed), ApiJson.Default.ApiImagePrune);
    }
}
