using System.Runtime.InteropServices;
using Berth.Actors.Containers;
using Berth.Actors.Hosting;
using Berth.Actors.Images;
using Berth.Actors.Lifecycle;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary>Docker's system routes: <c>_ping</c>, <c>version</c>, <c>info</c>.</summary>
internal static class SystemEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapMethods("/_ping", ["GET", "HEAD"], async (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.ContentType = "text/plain; charset=utf-8";
            if (HttpMethods.IsGet(http.Request.Method)) await http.Response.WriteAsync("OK");
        });
        app.MapGet("/version", (HttpContext http) => http.Response.WriteAsJsonAsync(Version(), ApiJson.Default.ApiVersionInfo));
        app.MapGet("/info", Info);
    }

    public static ApiVersionInfo Version() => new(
        BerthVersion.Version, ApiVersionPrefix.Current, ApiVersionPrefix.Minimum, "", RuntimeInformation.FrameworkDescription,
        "linux", Arch(), Environment.OSVersion.Version.ToString(), "",
        [new ApiVersionComponent("Engine", BerthVersion.Version)]);

    private static async Task Info(HttpContext http)
    {
        var facts = http.RequestServices.GetRequiredService<DaemonFacts>();
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var all = (await gateway.List(all: true, http.RequestAborted) as ContainerList)?.Containers ?? [];
        var images = (await gateway.Images(new ListImages(), http.RequestAborted) as ImageList)?.Images.Count ?? 0;
        var running = all.Count(s => s.Status is ContainerStatus.Running or ContainerStatus.Restarting);
        var paused = all.Count(s => s.Status == ContainerStatus.Paused);
        var host = HostSystem.Current;
        var info = new ApiInfo(
            facts.Id, Environment.MachineName, all.Count, running, paused, all.Count - running - paused,
            images, "overlay", facts.DataRoot, facts.DefaultRuntime,
            facts.Runtimes.ToDictionary(kv => kv.Key, kv => new ApiRuntime(kv.Value)),
            "cgroupfs", host.CgroupVersion, host.KernelVersion, host.OperatingSystem, "linux",
            Arch(), Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, BerthVersion.Version,
            LiveRestoreEnabled: true);
        await http.Response.WriteAsJsonAsync(info, ApiJson.Default.ApiInfo);
    }

    private static string Arch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
