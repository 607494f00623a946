namespace Berth.Journal.Model;

/// <summary>
/// A container's health check in Docker's shape (<c>Config.Healthcheck</c>): durations in nanoseconds as
/// Docker's JSON writes them, 0 (or null) meaning "inherit from the image, else Docker's default".
/// <c>Test</c>: <c>["NONE"]</c> disables, <c>["CMD", args...]</c> runs args, <c>["CMD-SHELL", cmd]</c> runs
/// <c>/bin/sh -c cmd</c>; empty means "inherit the image's test".
/// </summary>
public sealed record HealthConfig
{
    public IReadOnlyList<string>? Test { get; init; }
    public long Interval { get; init; }
    public long Timeout { get; init; }
    public long StartPeriod { get; init; }
    public long StartInterval { get; init; }
    public int Retries { get; init; }
}
