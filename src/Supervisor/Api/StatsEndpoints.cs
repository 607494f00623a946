using System.Text.Json;
using Berth.Actors.Containers;
using Berth.Actors.Inspection;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>GET /containers/{id}/stats</c>: Docker's stats JSON from the container's cgroups, streamed one
/// sample a second (<c>stream=true</c>, the default) or one sample (<c>stream=false</c>, which waits
/// a second for the CPU baseline unless <c>one-shot=true</c>). A stopped container reads as zeros.
/// </summary>
internal static class StatsEndpoints
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private const string ZeroTime = "0001-01-01T00:00:00Z";

    public static void Map(WebApplication app) => app.MapGet("/containers/{id}/stats", Stats);

    private static async Task Stats(HttpContext http, string id)
    {
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var metrics = http.RequestServices.GetRequiredService<ContainerMetrics>();
        var reply = await gateway.Container(id, new InspectContainer(), http.RequestAborted);
        if (reply is not ContainerDetails { State: var state }) { await ApiErrors.Refuse(http, reply); return; }
        var stream = !http.Request.Query.ContainsKey("stream") || ApiVersionPrefix.QueryFlag(http, "stream");
        var oneShot = ApiVersionPrefix.QueryFlag(http, "one-shot");
        http.Response.ContentType = "application/json";
        ContainerUsage? previous = null;
        if (!stream && !oneShot && Sample(metrics, state) is { } first)
        {
            previous = first;
            await Task.Delay(Interval, http.RequestAborted);
        }
        while (true)
        {
            var current = Sample(metrics, state);
            await JsonSerializer.SerializeAsync(http.Response.Body, View(state, current, previous), ApiJson.Default.ApiStats, http.RequestAborted);
            await http.Response.WriteAsync("\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            if (!stream || current is null) return;
            previous = current;
            await Task.Delay(Interval, http.RequestAborted);
        }
    }

    private static ContainerUsage? Sample(ContainerMetrics metrics, ContainerState state) =>
        state.IsRunning && state.Task is { } task ? metrics.Usage(task.Pid, task.PidStartTime) : null;

    private static ApiStats View(ContainerState state, ContainerUsage? now, ContainerUsage? before)
    {
        var view = new ApiStats
        {
            Name = "/" + state.Name,
            Id = state.Id,
            Read = now is null ? ZeroTime : ContainerViews.Time(now.Read),
            PreRead = before is null ? ZeroTime : ContainerViews.Time(before.Read),
        };
        if (now is null) return view;
        return view with
        {
            PidsStats = new ApiPidsStats(now.PidsCurrent, now.PidsLimit),
            BlkioStats = new ApiBlkioStats(Blkio(now.IoServiceBytes), Blkio(now.IoServiced)),
            CpuStats = Cpu(now),
            PreCpuStats = before is null ? ApiCpuStats.Zero : Cpu(before),
            MemoryStats = new ApiMemoryStats
            {
                Usage = now.MemoryUsage, MaxUsage = now.MemoryMaxUsage, Stats = now.MemoryStat.ToDictionary(),
                Failcnt = now.MemoryFailcnt, Limit = now.MemoryLimit,
            },
            Networks = now.Networks.Count == 0 ? null : now.Networks.ToDictionary(n => n.Name, n => new ApiNetworkStats(
                n.RxBytes, n.RxPackets, n.RxErrors, n.RxDropped, n.TxBytes, n.TxPackets, n.TxErrors, n.TxDropped)),
        };
    }

    private static ApiCpuStats Cpu(ContainerUsage u) => new(
        new ApiCpuUsage(u.CpuTotal, u.CpuPerCpu.ToList(), u.CpuKernel, u.CpuUser), u.SystemCpu, u.OnlineCpus,
        new ApiThrottling(u.ThrottlePeriods, u.ThrottledPeriods, u.ThrottledTime));

    private static List<ApiBlkioEntry> Blkio(IReadOnlyList<BlkioValue> list) => list.Select(b => new ApiBlkioEntry(b.Major, b.Minor, b.Op, b.Value)).ToList();
}
