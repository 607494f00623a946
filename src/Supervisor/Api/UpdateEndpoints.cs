using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Journal.Model;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary><c>POST /containers/{id}/update</c>: docker update's resources and restart policy.</summary>
internal static class UpdateEndpoints
{
    public static void Map(WebApplication app) => app.MapPost("/containers/{id}/update", Update);

    private static async Task Update(HttpContext http, string id)
    {
        if (await JsonBody.Read(http, ApiJson.Default.ApiUpdateConfig, new ApiUpdateConfig()) is not { } body) return;
        RestartPolicy? policy = null;
        if (body.RestartPolicy is { } rp)
        {
            var name = string.IsNullOrEmpty(rp.Name) ? "no" : rp.Name;
            if (!RestartPolicy.TryParse(name, out var parsed))
            {
                await ApiErrors.Write(http, StatusCodes.Status400BadRequest, $"invalid restart policy '{rp.Name}'");
                return;
            }
            policy = parsed with { MaximumRetryCount = rp.MaximumRetryCount };
        }
        var update = new UpdateContainer
        {
            Memory = Set(body.Memory),
            MemorySwap = Set(body.MemorySwap),
            CpuShares = Set(body.CpuShares),
            NanoCpus = Set(body.NanoCpus),
            CpuQuota = Set(body.CpuQuota),
            CpuPeriod = Set(body.CpuPeriod),
            CpusetCpus = string.IsNullOrEmpty(body.CpusetCpus) ? null : body.CpusetCpus,
            PidsLimit = Set(body.PidsLimit),
            RestartPolicy = policy,
        };
        var reply = await http.RequestServices.GetRequiredService<ActorGateway>().Container(id, update, http.RequestAborted);
        if (reply is Done)
            await http.Response.WriteAsJsonAsync(new ApiWarnings([]), ApiJson.Default.ApiWarnings);
        else await ApiErrors.Refuse(http, reply);
    }

    /// <summary>docker's clients send 0 for "leave as is".</summary>
    private static long? Set(long? value) => value is null or 0 ? null : value;
}
