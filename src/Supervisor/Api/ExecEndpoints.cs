using System.Text;
using System.Text.Json;
using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary>
/// Docker's exec routes: <c>POST /containers/{id}/exec</c> creates, <c>POST /exec/{id}/start</c> runs
/// (hijacked like attach, or detached), <c>GET /exec/{id}/json</c> inspects, <c>POST /exec/{id}/resize</c>.
/// An attached start ends once the process ended and its exit code is known, so an inspect right
/// after sees it.
/// </summary>
internal static class ExecEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/containers/{id}/exec", Create);
        app.MapPost("/exec/{id}/start", (HttpContext h, string id) => StartAsync(new HttpHijackExchange(h), id));
        app.MapGet("/exec/{id}/json", Inspect);
        app.MapPost("/exec/{id}/resize", (HttpContext h, string id) => Resize(h, id));
    }

    private static async Task Create(HttpContext http, string id)
    {
        ApiExecConfig? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, ExecJson.Default.ApiExecConfig, http.RequestAborted);
        }
        catch (JsonException e)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, $"invalid exec config: {e.Message}");
            return;
        }
        if (body is null || body.Cmd is not { Count: > 0 })
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "No exec command specified");
            return;
        }
        var config = new ExecConfig(body.Cmd, body.Env ?? [], body.User, body.WorkingDir, body.Tty,
            body.AttachStdin, body.AttachStdout, body.AttachStderr, body.Privileged, body.DetachKeys, body.ConsoleSize);
        var reply = await Gateway(http).Container(id, new CreateExec(config), http.RequestAborted);
        if (reply is not ExecCreated created)
        {
            await ApiErrors.Refuse(http, reply);
            return;
        }
        http.RequestServices.GetRequiredService<ExecIndex>().Add(created.Id, created.ContainerId);
        http.Response.StatusCode = StatusCodes.Status201Created;
        await JsonSerializer.SerializeAsync(http.Response.Body, new ApiIdResponse(created.Id), ExecJson.Default.ApiIdResponse, http.RequestAborted);
    }

    public static async Task StartAsync(IHijackExchange exchange, string id)
    {
        ApiExecStart body;
        try
        {
            var bytes = await exchange.ReadBodyAsync();
            body = bytes.IsEmpty ? new ApiExecStart() : JsonSerializer.Deserialize(bytes.Span, ExecJson.Default.ApiExecStart) ?? new ApiExecStart();
        }
        catch (JsonException e)
        {
            await exchange.ErrorAsync(StatusCodes.Status400BadRequest, $"invalid exec start: {e.Message}");
            return;
        }
        var gateway = exchange.Services.GetRequiredService<ActorGateway>();
        if (await FindAsync(exchange.Services, gateway, id, exchange.Aborted) is not { } found)
        {
            await exchange.ErrorAsync(StatusCodes.Status404NotFound, $"No such exec instance: {id}");
            return;
        }
        var (containerId, exec) = found;
        if (body.Detach)
        {
            var started = await gateway.Container(containerId, new StartExec(id, Detach: true), exchange.Aborted);
            if (started is ExecStarted) await exchange.EmptyAsync(StatusCodes.Status200OK);
            else await exchange.RefuseAsync(started);
            return;
        }
        if (exec.Started)
        {
            await exchange.RefuseAsync(new Rejected(ErrorKind.Conflict, exec.ExitCode is null
                ? $"Error: Exec command {id} is already running" : $"exec command {id} has already run"));
            return;
        }
        var config = exec.Config;
        var wanted = new StreamPump.Wanted(config.AttachStdin, config.AttachStdout, config.AttachStderr, config.Tty);
        await using var hijack = await exchange.HijackAsync(Hijack.ContentType(config.Tty));
        var reply = await gateway.Container(containerId, new StartExec(id, Detach: false), hijack.Aborted);
        if (reply is ExecStarted { Stream: { } stream })
        {
            if (body.ConsoleSize is [var h, var w])
                await gateway.Container(containerId, new ResizeExec(id, h, w), hijack.Aborted);
            await using (stream)
                await StreamPump.RunAsync(stream, hijack.Input, hijack.Output, wanted, hijack.Aborted);
            await gateway.Container(containerId, new WaitExec(id), hijack.Aborted, Timeout.InfiniteTimeSpan);
        }
        else
        {
            // Headers are gone: the error goes in the stream, as Docker writes it; the exit code is in inspect.
            var message = reply is Rejected r ? r.Message : "exec failed";
            await StreamPump.WriteFrameAsync(hijack.Output, wanted.Tty, isStderr: false, Encoding.UTF8.GetBytes(message + "\r\n"), hijack.Aborted);
        }
    }

    private static async Task Inspect(HttpContext http, string id)
    {
        if (await Find(http, id) is not { } found) return;
        var (containerId, exec) = found;
        var c = exec.Config;
        var view = new ApiExecInspect
        {
            ContainerID = containerId,
            DetachKeys = c.DetachKeys ?? "",
            ExitCode = exec.ExitCode,
            ID = exec.Id,
            OpenStdin = c.AttachStdin,
            OpenStdout = c.AttachStdout,
            OpenStderr = c.AttachStderr,
            Running = exec.Running,
            Pid = exec.Pid,
            ProcessConfig = new ApiProcessConfig
            {
                Entrypoint = c.Cmd[0], Arguments = [.. c.Cmd.Skip(1)], Privileged = c.Privileged, Tty = c.Tty, User = c.User ?? "",
            },
        };
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, view, ExecJson.Default.ApiExecInspect, http.RequestAborted);
    }

    private static async Task Resize(HttpContext http, string id)
    {
        if (await Find(http, id) is not { } found) return;
        await AttachEndpoints.Resize(http, size => new ContainerRequest(found.ContainerId, new ResizeExec(id, size.Height, size.Width)), StatusCodes.Status201Created);
    }

    /// <summary>The exec and its container, or a 404 answered.</summary>
    private static async Task<(string ContainerId, ExecInstance Exec)?> Find(HttpContext http, string execId)
    {
        if (await FindAsync(http.RequestServices, Gateway(http), execId, http.RequestAborted) is { } found) return found;
        await ApiErrors.Write(http, StatusCodes.Status404NotFound, $"No such exec instance: {execId}");
        return null;
    }

    private static async Task<(string ContainerId, ExecInstance Exec)?> FindAsync(IServiceProvider services, ActorGateway gateway, string execId, CancellationToken cancel)
    {
        var index = services.GetRequiredService<ExecIndex>();
        if (index.ContainerOf(execId) is { } containerId
            && await gateway.Container(containerId, new InspectExec(execId), cancel) is ExecDetails details)
            return (details.ContainerId, details.Exec);
        index.Forget(execId);
        return null;
    }

    private static ActorGateway Gateway(HttpContext http) => http.RequestServices.GetRequiredService<ActorGateway>();
}
