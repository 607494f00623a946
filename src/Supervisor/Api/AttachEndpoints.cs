using System.Text;
using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Hosting;

namespace Berth.Supervisor.Api;

/// <summary>
/// <c>POST /containers/{id}/attach</c> (hijacked; <c>logs=1</c> replays past output first, <c>stream=1</c>
/// follows live output and forwards stdin — to a container that is not running yet once it starts)
/// and <c>POST /containers/{id}/resize</c>.
/// </summary>
internal static class AttachEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/containers/{id}/attach", (HttpContext h, string id) => AttachAsync(new HttpHijackExchange(h), id));
        app.MapPost("/containers/{id}/resize", (HttpContext h, string id) =>
            Resize(h, size => new ContainerRequest(id, new ResizeContainer(size.Height, size.Width)), StatusCodes.Status200OK));
    }

    public static async Task AttachAsync(IHijackExchange exchange, string id)
    {
        var gateway = exchange.Services.GetRequiredService<ActorGateway>();
        var reply = await gateway.Container(id, new InspectContainer(), exchange.Aborted);
        if (reply is not ContainerDetails details)
        {
            await exchange.RefuseAsync(reply);
            return;
        }
        var state = details.State;
        var wanted = new StreamPump.Wanted(exchange.Flag("stdin"), exchange.Flag("stdout"), exchange.Flag("stderr"), state.Config.Tty);
        await using var hijack = await exchange.HijackAsync(Hijack.ContentType(wanted.Tty));
        if (exchange.Flag("logs"))
        {
            var logs = exchange.Services.GetRequiredService<ContainerLogs>();
            await foreach (var line in logs.ReadAsync(state.Id, follow: false, () => false, hijack.Aborted))
                if (line.IsStderr ? wanted.Stderr : wanted.Stdout)
                    await StreamPump.WriteFrameAsync(hijack.Output, wanted.Tty, line.IsStderr, Encoding.UTF8.GetBytes(line.Text), hijack.Aborted);
        }
        if (!exchange.Flag("stream")) return;
        var attached = await gateway.Container(state.Id, new AttachContainer(), hijack.Aborted, Timeout.InfiniteTimeSpan);
        if (attached is not Attached { Stream: var stream })
        {
            var message = attached is Rejected r ? r.Message : "attach failed";
            await StreamPump.WriteFrameAsync(hijack.Output, wanted.Tty, isStderr: false, Encoding.UTF8.GetBytes(message + "\r\n"), hijack.Aborted);
            return;
        }
        await using (stream)
            await StreamPump.RunAsync(stream, hijack.Input, hijack.Output, wanted, hijack.Aborted);
    }

    /// <summary>Docker's resize: <c>h</c> and <c>w</c> in the query; the target answers Done or a refusal.</summary>
    public static async Task Resize(HttpContext http, Func<(int Height, int Width), object> request, int okStatus)
    {
        var (h, w) = (ApiVersionPrefix.QueryInt(http, "h"), ApiVersionPrefix.QueryInt(http, "w"));
        if (h is not { } height || w is not { } width || height < 0 || width < 0)
        {
            await ApiErrors.Write(http, StatusCodes.Status400BadRequest, "resize: h and w must be non-negative integers");
            return;
        }
        var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
        var reply = await gateway.Raw(request((height, width)), http.RequestAborted);
        if (reply is Done) http.Response.StatusCode = okStatus;
        else await ApiErrors.Refuse(http, reply);
    }
}
