using System.Text.Json;
using Berth.Actors;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api;

/// <summary>The one place where a refusal class becomes an HTTP status, and errors are written in Docker's shape.</summary>
internal static class ApiErrors
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotModified => StatusCodes.Status304NotModified,
        ErrorKind.InvalidParameter => StatusCodes.Status400BadRequest,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Task Write(HttpContext http, Rejected rejected) => Write(http, StatusFor(rejected.Kind), rejected.Message);

    /// <summary>Answers a reply that was not the success the route expected.</summary>
    public static Task Refuse(HttpContext http, object reply) => reply is Rejected rejected
        ? Write(http, rejected)
        : Write(http, StatusCodes.Status500InternalServerError, $"unexpected reply {reply.GetType().Name}");

    public static async Task Write(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        // 304 carries no body (HTTP forbids one).
        if (status == StatusCodes.Status304NotModified) return;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ApiError(message), ApiJson.Default.ApiError, http.RequestAborted);
    }
}
