using Microsoft.AspNetCore.Http.Features;

namespace Berth.Supervisor.Api;

/// <summary>
/// dockerd's debug request log: every API call as the client sent it (version prefix and query
/// included) with the status it got, so <c>--log-level debug</c> shows what a client such as the
/// docker CLI or Testcontainers asks for, and which call berth answered with an error.
/// </summary>
internal static class RequestLog
{
    public static async Task Write(HttpContext http, Func<Task> next)
    {
        if (!Serilog.Log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
        {
            await next();
            return;
        }
        // RawTarget is the request line's target, untouched by the version-prefix stripping.
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value;
        Serilog.Log.Debug("Calling {Method} {Target}", http.Request.Method, target);
        await next();
        Serilog.Log.Debug("Answered {Method} {Target} with {Status}", http.Request.Method, target, http.Response.StatusCode);
    }
}
