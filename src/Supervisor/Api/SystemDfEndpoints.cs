using Berth.Actors.Containers;
using Berth.Actors.Images;
using Berth.Actors.Inspection;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>GET /system/df</c>: the unpacked layers' total, each image with the size it shares with
/// others and its containers, each container with SizeRw/SizeRootFs; no volumes or build cache of
/// berth's own (empty lists, as Docker answers on a host with none).
/// </summary>
internal static class SystemDfEndpoints
{
    public static void Map(WebApplication app) => app.MapGet("/system/df", Df);

    private static async Task Df(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var files = http.RequestServices.GetRequiredService<ContainerFiles>();
        var images = (await gateway.Images(new ListImages(), http.RequestAborted) as ImageList)?.Images ?? [];
        var containers = (await gateway.List(all: true, http.RequestAborted) as ContainerList)?.Containers ?? [];
        var layers = new Dictionary<string, (string Key, long Size)[]>();
        foreach (var image in images)
            if (await gateway.Images(new InspectImage(image.Id), http.RequestAborted) is ImageDetail d)
                layers[image.Id] = d.DiffIds.Select((_, i) => (string.Join(',', d.DiffIds.Take(i + 1)), i < d.LayerSizes.Count ? d.LayerSizes[i] : 0)).ToArray();
        var users = layers.Values.SelectMany(l => l.Select(x => x.Key)).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var layersSize = layers.Values.SelectMany(l => l).DistinctBy(x => x.Key).Sum(x => x.Size);
        var imageRows = images.Select(i => new ApiImageSummary(i.Id, "", i.RepoTags.ToList(), [], i.Created?.ToUnixTimeSeconds() ?? 0, i.Size,
            layers.GetValueOrDefault(i.Id, []).Where(x => users[x.Key] > 1).Sum(x => x.Size), i.Labels.ToDictionary(), i.Containers)).ToList();
        var imageSize = images.ToDictionary(i => i.Id, i => i.Size);
        var now = gateway.Clock.GetUtcNow();
        var containerRows = containers.Select(c =>
        {
            var rw = files.SizeRw(c.Id);
            return ContainerViews.Summary(c, now) with { SizeRw = rw, SizeRootFs = imageSize.GetValueOrDefault(c.ImageId) + rw };
        }).ToList();
        await http.Response.WriteAsJsonAsync(new ApiSystemDf(layersSize, imageRows, containerRows, [], []), ApiJson.Default.ApiSystemDf);
    }
}
