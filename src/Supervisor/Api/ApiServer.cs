using Berth.Actors;
using Berth.Actors.Hosting;

namespace Berth.Supervisor.Api;

/// <summary>
/// Builds the Docker-compatible API: ASP.NET Core Kestrel on a unix socket, version prefixes
/// stripped, Docker's routes mapped, and any unhandled failure answered as a 500 with a message —
/// the daemon never goes down on a request.
/// </summary>
internal static class ApiServer
{
    public static WebApplication Build(string socketPath, HostRefs host, TimeProvider clock, DaemonFacts facts, ContainerLogs logs,
        Journal.Query.ContainerHistoryReader history)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socketPath, HijackConnection.Use);
            kestrel.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
        });
        builder.Services.AddSingleton(new ActorGateway(host, clock));
        builder.Services.AddSingleton(facts);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(history);
        builder.Services.AddSingleton(new ExecIndex());
        builder.Services.AddSingleton(new Actors.Inspection.ContainerFiles(facts.DataRoot));
        builder.Services.AddSingleton(new Actors.Inspection.ContainerMetrics(clock));
        var app = builder.Build();
        app.Use(RequestLog.Write);
        app.Use(CatchAll);
        app.Use(ApiVersionPrefix.Strip);
        app.UseRouting();
        SystemEndpoints.Map(app);
        ContainerEndpoints.Map(app);
        HistoryEndpoints.Map(app);
        ImageEndpoints.Map(app);
        LogEndpoints.Map(app);
        UpdateEndpoints.Map(app);
        VolumeEndpoints.Map(app);
        AttachEndpoints.Map(app);
        ExecEndpoints.Map(app);
        EventEndpoints.Map(app, host.Events);
        ArchiveEndpoints.Map(app);
        TopEndpoints.Map(app);
        StatsEndpoints.Map(app);
        PruneEndpoints.Map(app);
        SystemDfEndpoints.Map(app);
        NetworkEndpoints.Map(app);
        app.MapFallback((HttpContext http) =>
            ApiErrors.Write(http, StatusCodes.Status404NotFound, $"page not found: {http.Request.Method} {http.Request.Path}"));
        return app;
    }

    private static async Task CatchAll(HttpContext http, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (BadHttpRequestException error) when (!http.Response.HasStarted)
        {
            // Kestrel's own refusals (a body over the size limit: 413, a malformed request: 400) keep their status.
            await ApiErrors.Write(http, error.StatusCode, error.Message);
        }
        catch (Exception error) when (!http.Response.HasStarted)
        {
            Serilog.Log.Error(error, "API {Method} {Path} failed", http.Request.Method, http.Request.Path);
            await ApiErrors.Write(http, StatusCodes.Status500InternalServerError, error.Message);
        }
    }
}
