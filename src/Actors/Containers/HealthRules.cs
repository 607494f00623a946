using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>Docker's validateHealthCheck: a set duration is at least 1ms, retries are not negative.</summary>
public static class HealthRules
{
    private const long MinimumNs = 1_000_000;

    public static string? Check(HealthConfig? check)
    {
        if (check is null) return null;
        if (TooShort(check.Interval)) return "Interval in Healthcheck cannot be less than 1ms";
        if (TooShort(check.Timeout)) return "Timeout in Healthcheck cannot be less than 1ms";
        if (check.Retries < 0) return "Retries in Healthcheck cannot be negative";
        if (TooShort(check.StartPeriod)) return "StartPeriod in Healthcheck cannot be less than 1ms";
        if (TooShort(check.StartInterval)) return "StartInterval in Healthcheck cannot be less than 1ms";
        return null;
    }

    // Zero means "inherit / default"; a negative duration is as short as can be.
    private static bool TooShort(long ns) => ns != 0 && ns < MinimumNs;
}
