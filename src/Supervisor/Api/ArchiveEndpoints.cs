using Berth.Actors.Containers;
using Berth.Actors.Inspection;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>docker cp</c> and <c>docker export</c>: <c>HEAD|GET|PUT /containers/{id}/archive</c> and
/// <c>GET /containers/{id}/export</c>. Paths resolve inside the container's root only (symlinks
/// included); a stopped container's root is mounted for the request.
/// </summary>
internal static class ArchiveEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapMethods("/containers/{id}/archive", ["HEAD"], (HttpContext h, string id) => Get(h, id, body: false));
        app.MapGet("/containers/{id}/archive", (HttpContext h, string id) => Get(h, id, body: true));
        app.MapPut("/containers/{id}/archive", Put);
        app.MapGet("/containers/{id}/export", Export);
    }

    /// <summary>System.Formats.Tar writes some headers synchronously: let these routes' bodies take sync I/O.</summary>
    private static void AllowSyncIo(HttpContext http)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } control) control.AllowSynchronousIO = true;
    }

    private static async Task Get(HttpContext http, string id, bool body)
    {
        AllowSyncIo(http);
        if (await PathParameter(http) is not { } path) return;
        await using var loan = await RootfsLoan.TakeAsync(http, id);
        if (loan is null) return;
        var files = http.RequestServices.GetRequiredService<ContainerFiles>();
        try
        {
            var stat = files.Stat(loan.Path, id, path);
            http.Response.Headers[PathStatHeader.Name] = Encode(stat);
            if (!body) return;
            http.Response.ContentType = "application/x-tar";
            await files.ArchiveAsync(loan.Path, id, path, http.Response.Body, http.RequestAborted);
        }
        catch (FileAccessException e) when (!http.Response.HasStarted) { await ApiErrors.Write(http, new Actors.Rejected(e.Kind, e.Message)); }
    }

    private static async Task Put(HttpContext http, string id)
    {
        AllowSyncIo(http);
        if (await PathParameter(http) is not { } path) return;
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        if (await gateway.Container(id, new InspectContainer(), http.RequestAborted) is ContainerDetails { State.HostConfig.ReadonlyRootfs: true })
        {
            await ApiErrors.Write(http, StatusCodes.Status403Forbidden, "container rootfs is marked read-only");
            return;
        }
        await using var loan = await RootfsLoan.TakeAsync(http, id);
        if (loan is null) return;
        var files = http.RequestServices.GetRequiredService<ContainerFiles>();
        try
        {
            await files.ExtractAsync(loan.Path, id, path, http.Request.Body,
                ApiVersionPrefix.QueryFlag(http, "noOverwriteDirNonDir"), ApiVersionPrefix.QueryFlag(http, "copyUIDGID"), http.RequestAborted);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (FileAccessException e) { await ApiErrors.Write(http, new Actors.Rejected(e.Kind, e.Message)); }
        catch (BadHttpRequestException e) { await ApiErrors.Write(http, e.StatusCode, e.Message); }
    }

    private static async Task Export(HttpContext http, string id)
    {
        AllowSyncIo(http);
        await using var loan = await RootfsLoan.TakeAsync(http, id);
        if (loan is null) return;
        http.Response.ContentType = "application/x-tar";
        try
        {
            await http.RequestServices.GetRequiredService<ContainerFiles>().ExportAsync(loan.Path, id, http.Response.Body, http.RequestAborted);
        }
        catch (FileAccessException e) when (!http.Response.HasStarted) { await ApiErrors.Write(http, new Actors.Rejected(e.Kind, e.Message)); }
    }

    private static async Task<string?> PathParameter(HttpContext http)
    {
        var path = http.Request.Query["path"].ToString();
        if (path.Length > 0 && !path.Contains('\0')) return path;
        await ApiErrors.Write(http, StatusCodes.Status400BadRequest, path.Length == 0 ? "path is required" : "path contains a NUL byte");
        return null;
    }

    /// <summary>The header's value: base64 of Docker's ContainerPathStat JSON.</summary>
    public static string Encode(ContainerPathInfo stat) =>
        PathStatHeader.Encode(new ApiPathStat(stat.Name, stat.Size, stat.Mode, ContainerViews.Time(stat.Modified), stat.LinkTarget));
}
