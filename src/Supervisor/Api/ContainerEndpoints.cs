using System.Text.Json;
using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>Docker's container routes: create, list, inspect, start, stop, restart, kill, pause, unpause, rename, wait, remove.</summary>
internal static class ContainerEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/containers/create", Create);
        app.MapGet("/containers/json", List);
        app.MapGet("/containers/{id}/json", (HttpContext h, string id) => Inspect(h, id));
        app.MapPost("/containers/{id}/start", (HttpContext h, string id) => Command(h, id, new StartContainer(), StatusCodes.Status204NoContent));
        app.MapPost("/containers/{id}/stop", (HttpContext h, string id) => Stop(h, id));
        app.MapPost("/containers/{id}/restart", (HttpContext h, string id) =>
            Command(h, id, new RestartContainer(ApiVersionPrefix.QueryInt(h, "t")), StatusCodes.Status204NoContent, Grace(h)));
        app.MapPost("/containers/{id}/kill", (HttpContext h, string id) =>
            Command(h, id, new KillContainer(h.Request.Query["signal"].ToString() is { Length: > 0 } s ? s : "SIGKILL"), StatusCodes.Status204NoContent));
        app.MapPost("/containers/{id}/pause", (HttpContext h, string id) => Command(h, id, new PauseContainer(), StatusCodes.Status204NoContent));
        app.MapPost("/containers/{id}/unpause", (HttpContext h, string id) => Command(h, id, new UnpauseContainer(), StatusCodes.Status204NoContent));
        app.MapPost("/containers/{id}/rename", (HttpContext h, string id) =>
            Command(h, id, new RenameContainer(h.Request.Query["name"].ToString()), StatusCodes.Status204NoContent));
        app.MapPost("/containers/{id}/wait", (HttpContext h, string id) => Wait(h, id));
        app.MapDelete("/containers/{id}", (HttpContext h, string id) => Command(h, id,
            new RemoveContainer(ApiVersionPrefix.QueryFlag(h, "force"), ApiVersionPrefix.QueryFlag(h, "v"), id), StatusCodes.Status204NoContent));
    }

    private static async Task Create(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await CreateRequestReader.Read(http) is not { } create) return;
        var reply = await gateway.Create(create, http.RequestAborted);
        if (reply is ContainerCreated created)
        {
            // docker makes a container's volumes at create, so they list (and are in use) from then on.
            var mounts = MountPlan.Parse(create.HostConfig, created.Volumes, created.Id, out _);
            if (mounts.Any(m => m.Type == "volume")
                && await gateway.Volumes(new Berth.Actors.Volumes.EnsureVolumes(created.Id, mounts), http.RequestAborted) is Rejected failed)
            {
                await ApiErrors.Write(http, failed);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status201Created;
            await http.Response.WriteAsJsonAsync(new ApiCreateResponse(created.Id, []), ApiJson.Default.ApiCreateResponse);
        }
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task List(HttpContext http)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var filters = DockerFilters.Parse(http.Request.Query["filters"].ToString(), out var error);
        if ((error ?? ContainerFilters.Validate(filters!)) is { } bad) { await ApiErrors.Write(http, StatusCodes.Status400BadRequest, bad); return; }
        var limit = ApiVersionPrefix.QueryInt(http, "limit") is { } l && l > 0 ? l : (int?)null;
        var all = ApiVersionPrefix.QueryFlag(http, "all") || limit is not null || ContainerFilters.ImpliesAll(filters!);
        var reply = await gateway.List(all: true, http.RequestAborted);
        if (reply is not ContainerList list) { await ApiErrors.Refuse(http, reply); return; }
        var now = gateway.Clock.GetUtcNow();
        var rows = ContainerFilters.Apply(list.Containers, filters!)
            .Where(s => all || s.IsRunning || s.Status == Actors.Lifecycle.ContainerStatus.Restarting);
        if (limit is { } n) rows = rows.Take(n);
        var views = rows.Select(s => ContainerViews.Summary(s, now)).ToList();
        if (ApiVersionPrefix.QueryFlag(http, "size")) views = await WithSizes(http, gateway, views);
        await http.Response.WriteAsJsonAsync(views, ApiJson.Default.ListApiContainerSummary);
    }

    /// <summary>Docker's size=true: SizeRw (the RW layer) and SizeRootFs (the image plus it).</summary>
    private static async Task<List<ApiContainerSummary>> WithSizes(HttpContext http, ActorGateway gateway, List<ApiContainerSummary> views)
    {
        var files = http.RequestServices.GetRequiredService<Actors.Inspection.ContainerFiles>();
        var images = (await gateway.Images(new Actors.Images.ListImages(), http.RequestAborted) as Actors.Images.ImageList)?.Images
            .ToDictionary(i => i.Id, i => i.Size) ?? [];
        return views.Select(v =>
        {
            var rw = files.SizeRw(v.Id);
            return v with { SizeRw = rw, SizeRootFs = images.GetValueOrDefault(v.ImageID) + rw };
        }).ToList();
    }

    private static async Task Inspect(HttpContext http, string id)
    {
        var reply = await http.RequestServices.GetRequiredService<ActorGateway>().Container(id, new InspectContainer(), http.RequestAborted);
        if (reply is ContainerDetails details)
            await http.Response.WriteAsJsonAsync(
                ContainerViews.Inspect(details.State, Path.Combine(http.RequestServices.GetRequiredService<DaemonFacts>().DataRoot, "volumes"), details.Health),
                ApiJson.Default.ApiContainerInspect);
        else await ApiErrors.Refuse(http, reply);
    }

    private static Task Stop(HttpContext http, string id)
    {
        var signal = http.Request.Query["signal"].ToString();
        return Command(http, id, new StopContainer(ApiVersionPrefix.QueryInt(http, "t"), signal.Length > 0 ? signal : null),
            StatusCodes.Status204NoContent, Grace(http));
    }

    private static async Task Wait(HttpContext http, string id)
    {
        var condition = http.Request.Query["condition"].ToString() switch
        {
            "" or "not-running" => WaitCondition.NotRunning,
            "next-exit" => WaitCondition.NextExit,
            "removed" => WaitCondition.Removed,
            var other => (WaitCondition?)null,
        };
        if (condition is null)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, $"invalid condition: \"{http.Request.Query["condition"]}\"");
            return;
        }
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        // Resolve first so an unknown container is a clean 404 before the 200 header goes out.
        var known = await gateway.Container(id, new InspectContainer(), http.RequestAborted);
        if (known is not ContainerDetails) { await ApiErrors.Refuse(http, known); return; }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        // Clients wait for the header before they consider the wait registered (docker run relies on it).
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        var reply = await gateway.Container(id, new WaitContainer(condition.Value), http.RequestAborted, Timeout.InfiniteTimeSpan);
        var body = reply switch
        {
            WaitCompleted done => new ApiWaitResponse(done.StatusCode, done.Error is null ? null : new ApiWaitError(done.Error)),
            Rejected rejected => new ApiWaitResponse(-1, new ApiWaitError(rejected.Message)),
            _ => new ApiWaitResponse(-1, new ApiWaitError("unexpected reply")),
        };
        await JsonSerializer.SerializeAsync(http.Response.Body, body, ApiJson.Default.ApiWaitResponse, http.RequestAborted);
    }

    private static async Task Command(HttpContext http, string id, IContainerCommand command, int successStatus, TimeSpan? timeout = null)
    {
        var reply = await http.RequestServices.GetRequiredService<ActorGateway>().Container(id, command, http.RequestAborted, timeout);
        if (reply is Done) http.Response.StatusCode = successStatus;
        else await ApiErrors.Refuse(http, reply);
    }

    /// <summary>Stop and restart may take the grace period plus the kill; give the ask room for both.</summary>
    private static TimeSpan Grace(HttpContext http) =>
        ActorGateway.DefaultTimeout + TimeSpan.FromSeconds(Math.Max(0, ApiVersionPrefix.QueryInt(http, "t") ?? 10));
}
