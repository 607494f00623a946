using Berth.Journal.Model;

namespace Berth.Actors.Health;

/// <summary>
/// A container's health check made concrete, as Docker's getProbe and monitor read it: the command to
/// exec and every duration with Docker's default put in for zero (interval 30s, timeout 30s, start
/// period 0, start interval 5s, retries 3).
/// </summary>
public sealed record HealthPlan(
    IReadOnlyList<string> Args, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod, TimeSpan StartInterval, int Retries)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultStartInterval = TimeSpan.FromSeconds(5);
    public const int DefaultRetries = 3;

    /// <summary>Null when no check runs: none configured, an empty test, <c>NONE</c>, or a test type Docker does not know.</summary>
    public static HealthPlan? From(HealthConfig? config)
    {
        if (config?.Test is not { Count: > 0 } test) return null;
        IReadOnlyList<string>? args = test[0] switch
        {
            "CMD" => test.Skip(1).ToList(),
            "CMD-SHELL" => ["/bin/sh", "-c", .. test.Skip(1)],
            _ => null,
        };
        if (args is not { Count: > 0 }) return null;
        return new HealthPlan(args, Or(config.Interval, DefaultInterval), Or(config.Timeout, DefaultTimeout),
            Or(config.StartPeriod, TimeSpan.Zero), Or(config.StartInterval, DefaultStartInterval),
            config.Retries > 0 ? config.Retries : DefaultRetries);
    }

    public static bool IsEnabled(HealthConfig? config) => From(config) is not null;

    /// <summary>Docker's monitor: within the start period a container still starting is probed every start interval.</summary>
    public TimeSpan NextInterval(string status, TimeSpan sinceStart) =>
        sinceStart < StartPeriod && status == HealthStatus.Starting ? StartInterval : Interval;

    private static TimeSpan Or(long ns, TimeSpan fallback) => ns > 0 ? TimeSpan.FromTicks(ns / 100) : fallback;
}
