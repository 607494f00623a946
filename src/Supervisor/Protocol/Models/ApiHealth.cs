using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>Docker's <c>Config.Healthcheck</c>: durations in nanoseconds, zero (omitted) meaning "inherit / default".</summary>
public sealed record ApiHealthConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Test { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Interval { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Timeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartPeriod { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long StartInterval { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Retries { get; init; }
}

/// <summary>Inspect's <c>State.Health</c>: the status (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>), the
/// consecutive failures and the last probes, oldest first.</summary>
public sealed record ApiHealth(string Status, int FailingStreak, List<ApiHealthResult> Log);

/// <summary>One probe of <c>State.Health.Log</c>: times in RFC 3339 with nanoseconds, as Docker writes them.</summary>
public sealed record ApiHealthResult(string Start, string End, int ExitCode, string Output);
