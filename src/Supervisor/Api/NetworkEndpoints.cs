using System.Text.Json;
using Berth.Actors;
using Berth.Actors.Networks;
using Berth.Journal.Model;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>Docker's network routes: list (with docker's filters), inspect, create, remove, connect, disconnect, prune.</summary>
internal static class NetworkEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/networks", List);
        app.MapGet("/networks/{id}", (HttpContext h, string id) => Inspect(h, id));
        app.MapPost("/networks/create", Create);
        app.MapDelete("/networks/{id}", (HttpContext h, string id) => Remove(h, id));
        app.MapPost("/networks/{id}/connect", (HttpContext h, string id) => Connect(h, id));
        app.MapPost("/networks/{id}/disconnect", (HttpContext h, string id) => Disconnect(h, id));
        app.MapPost("/networks/prune", Prune);
    }

    private static ActorGateway Gateway(HttpContext http) => http.RequestServices.GetRequiredService<ActorGateway>();

    private static async Task List(HttpContext http)
    {
        var filters = DockerFilters.Parse(http.Request.Query["filters"].ToString(), out var error);
        var filter = filters is null ? null : new NetworkListFilter(filters);
        if ((error ?? filter!.Invalid()) is { } invalid) { await ApiErrors.Write(http, StatusCodes.Status400BadRequest, invalid); return; }
        var reply = await Gateway(http).Networks(new ListNetworks(), http.RequestAborted);
        if (reply is not NetworkList list) { await ApiErrors.Refuse(http, reply); return; }
        await http.Response.WriteAsJsonAsync(list.Networks.Where(filter!.Matches).Select(NetworkApiViews.ToApi).ToList(), ApiJson.Default.ListApiNetwork);
    }

    private static async Task Inspect(HttpContext http, string id)
    {
        var reply = await Gateway(http).Networks(new InspectNetwork(id), http.RequestAborted);
        if (reply is NetworkView view) await http.Response.WriteAsJsonAsync(NetworkApiViews.ToApi(view), ApiJson.Default.ApiNetwork);
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task Create(HttpContext http)
    {
        var body = await ReadBody(http, ApiJson.Default.ApiNetworkCreate);
        if (body is null) return;
        if (string.IsNullOrEmpty(body.Name)) { await ApiErrors.Write(http, 400, "network name is required"); return; }
        if (body.EnableIPv6) { await ApiErrors.Write(http, 400, "IPv6 networks are not supported by berth"); return; }
        var configs = body.IPAM?.Config ?? [];
        if (configs.Count > 1) { await ApiErrors.Write(http, 400, "berth supports one IPv4 pool per network"); return; }
        var ipam = configs.FirstOrDefault();
        var reply = await Gateway(http).Networks(new CreateNetwork(body.Name, body.Driver, ipam?.Subnet, ipam?.Gateway, body.Internal, body.Labels, body.Options), http.RequestAborted);
        if (reply is not NetworkCreatedReply created) { await ApiErrors.Refuse(http, reply); return; }
        http.Response.StatusCode = StatusCodes.Status201Created;
        await http.Response.WriteAsJsonAsync(new ApiNetworkCreateResponse(created.Id, ""), ApiJson.Default.ApiNetworkCreateResponse);
    }

    private static async Task Remove(HttpContext http, string id)
    {
        var reply = await Gateway(http).Networks(new RemoveNetwork(id), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = StatusCodes.Status204NoContent;
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task Connect(HttpContext http, string id)
    {
        var body = await ReadBody(http, ApiJson.Default.ApiNetworkConnect);
        if (body is null) return;
        if (string.IsNullOrEmpty(body.Container)) { await ApiErrors.Write(http, 400, "Container is required"); return; }
        var ip = body.EndpointConfig?.IPAMConfig?.IPv4Address is { Length: > 0 } address ? address : null;
        var aliases = body.EndpointConfig?.Aliases is { Count: > 0 } list ? list : null;
        var reply = await Gateway(http).Networks(new ConnectToNetwork(id, body.Container, new EndpointSettings(id, ip, aliases)), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = StatusCodes.Status200OK;
        else await ApiErrors.Refuse(http, reply);
    }

    private static async Task Disconnect(HttpContext http, string id)
    {
        var body = await ReadBody(http, ApiJson.Default.ApiNetworkDisconnect);
        if (body is null) return;
        if (string.IsNullOrEmpty(body.Container)) { await ApiErrors.Write(http, 400, "Container is required"); return; }
        var reply = await Gateway(http).Networks(new DisconnectFromNetwork(id, body.Container, body.Force), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = StatusCodes.Status200OK;
        else await ApiErrors.Refuse(http, reply);
    }

    /// <summary>docker's network prune: every unused custom network, narrowed by until, label and label!.</summary>
    private static async Task Prune(HttpContext http)
    {
        var gateway = Gateway(http);
        if (await PruneFilters.ReadAsync(http, gateway.Clock.GetUtcNow(), "until", "label", "label!") is not { } f) return;
        IReadOnlySet<string>? only = null;
        if (f.Raw.Keys.Any())
        {
            var listed = await gateway.Networks(new ListNetworks(), http.RequestAborted);
            if (listed is not NetworkList list) { await ApiErrors.Refuse(http, listed); return; }
            only = list.Networks.Where(n => f.Matches(n.Created, n.Labels)).Select(n => n.Id).ToHashSet();
        }
        var reply = await gateway.Networks(new PruneNetworks(only), http.RequestAborted);
        if (reply is not NetworksPruned pruned) { await ApiErrors.Refuse(http, reply); return; }
        await http.Response.WriteAsJsonAsync(new ApiNetworksPruned([.. pruned.Names]), ApiJson.Default.ApiNetworksPruned);
    }

    /// <summary>The JSON body, or null after answering 400 (malformed, wrong types, empty).</summary>
    private static async Task<T?> ReadBody<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
            if (body is null) await ApiErrors.Write(http, 400, "request body is required");
            return body;
        }
        catch (JsonException e)
        {
            await ApiErrors.Write(http, 400, "invalid JSON: " + e.Message);
            return null;
        }
    }
}
