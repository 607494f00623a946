namespace Berth.Actors.Health;

/// <summary>Docker's health status words, as inspect, ps and the <c>health_status</c> events spell them.</summary>
public static class HealthStatus
{
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    /// <summary>What the ps filter <c>health=none</c> matches: a container without a health check.</summary>
    public const string None = "none";
}
