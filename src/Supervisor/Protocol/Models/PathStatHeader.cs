using System.Text;
using System.Text.Json;

namespace Berth.Supervisor.Api.Models;

/// <summary>
/// Docker's <c>X-Docker-Container-Path-Stat</c> header of the archive endpoints (<c>docker cp</c>):
/// base64 of the <see cref="ApiPathStat"/> JSON. The daemon writes it, the client reads it.
/// </summary>
public static class PathStatHeader
{
    public const string Name = "X-Docker-Container-Path-Stat";

    public static string Encode(ApiPathStat stat) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(stat, ApiJson.Default.ApiPathStat));

    /// <summary>The stat a header carries; null when there is no header.</summary>
    public static ApiPathStat? Decode(string? header) => string.IsNullOrEmpty(header)
        ? null
        : JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(header)), ApiJson.Default.ApiPathStat);
}
