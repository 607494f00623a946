using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Inspection;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary><c>GET /containers/{id}/top</c> (the processes in the container's cgroup, as ps shows them) and <c>GET /containers/{id}/changes</c>.</summary>
internal static class TopEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/containers/{id}/top", Top);
        app.MapGet("/containers/{id}/changes", Changes);
    }

    private static async Task Top(HttpContext http, string id)
    {
        var reply = await http.RequestServices.GetRequiredService<ActorGateway>().Container(id, new InspectContainer(), http.RequestAborted);
        if (reply is not ContainerDetails { State: var state }) { await ApiErrors.Refuse(http, reply); return; }
        var psArgs = http.Request.Query.TryGetValue("ps_args", out var a) ? a.ToString() : "-ef";
        try
        {
            var top = state.IsRunning && state.Task is { } task
                ? http.RequestServices.GetRequiredService<ContainerMetrics>().Top(task.Pid, task.PidStartTime, psArgs)
                : null;
            if (top is null)
            {
                // Docker checks the arguments before the state only once it runs ps; the state refusal comes first.
                await ApiErrors.Write(http, StatusCodes.Status409Conflict, $"Container {state.Id} is not running");
                return;
            }
            await http.Response.WriteAsJsonAsync(new ApiTop(top.Titles.ToList(), top.Processes.Select(p => p.ToList()).ToList()), ApiJson.Default.ApiTop);
        }
        catch (FileAccessException e) { await ApiErrors.Write(http, new Rejected(e.Kind, e.Message)); }
    }

    private static async Task Changes(HttpContext http, string id)
    {
        var reply = await http.RequestServices.GetRequiredService<ActorGateway>().Container(id, new InspectContainer(), http.RequestAborted);
        if (reply is not ContainerDetails { State: var state }) { await ApiErrors.Refuse(http, reply); return; }
        try
        {
            var changes = await Task.Run(() => http.RequestServices.GetRequiredService<ContainerFiles>().Changes(state.Id), http.RequestAborted) ?? [];
            await http.Response.WriteAsJsonAsync(changes.Select(c => new ApiChange(c.Path, c.Kind)).ToList(), ApiJson.Default.ListApiChange);
        }
        catch (FileAccessException e) { await ApiErrors.Write(http, new Rejected(e.Kind, e.Message)); }
    }
}
