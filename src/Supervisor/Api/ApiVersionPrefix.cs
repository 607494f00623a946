using System.Globalization;

namespace Berth.Supervisor.Api;

/// <summary>
/// Accepts Docker's version prefixes (<c>/v1.24</c> … <c>/v1.45</c>) by stripping them before routing,
/// and refuses versions outside that range with Docker's messages.
/// </summary>
internal static class ApiVersionPrefix
{
    public const string Current = ApiVersion.Current;
    public const string Minimum = ApiVersion.Minimum;
    private static readonly Version Max = Version.Parse(Current);
    private static readonly Version Min = Version.Parse(Minimum);

    public static async Task Strip(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path.Value ?? "";
        if (path.Length > 2 && path[1] == 'v' && char.IsAsciiDigit(path[2]))
        {
            var end = path.IndexOf('/', 1);
            var text = end < 0 ? path[2..] : path[2..end];
            if (!Version.TryParse(text, out var version) || text.Count(c => c == '.') != 1)
            {
                await ApiErrors.Write(http, StatusCodes.Status400BadRequest, $"invalid API version: {text}");
                return;
            }
            if (version > Max)
            {
                await ApiErrors.Write(http, StatusCodes.Status400BadRequest,
                    $"client version {text} is too new. Maximum supported API version is {Current}");
                return;
            }
            if (version < Min)
            {
                await ApiErrors.Write(http, StatusCodes.Status400BadRequest,
                    $"client version {text} is too old. Minimum supported API version is {Minimum}, please upgrade your client to a newer version");
                return;
            }
            http.Request.Path = end < 0 ? "/" : path[end..];
        }
        http.Response.Headers["Api-Version"] = Current;
        http.Response.Headers["Server"] = $"berth/{BerthVersion.Version} (linux)";
        http.Response.Headers["OSType"] = "linux";
        http.Response.Headers["Docker-Experimental"] = "false";
        await next();
    }

    /// <summary>Parses Docker's boolean query values: 1/true/True → true, absent/0/false → false.</summary>
    public static bool QueryFlag(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var v) && v.ToString() is "1" or "true" or "True";

    public static int? QueryInt(HttpContext http, string name) =>
        http.Request.Query.TryGetValue(name, out var v) && int.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
