namespace Berth.Actors.Health;

/// <summary>One probe as inspect's <c>State.Health.Log</c> shows it: when it ran, its exit code (-1: timed out or
/// could not run) and the first 4 KiB of its output.</summary>
public sealed record HealthProbeResult(DateTimeOffset Start, DateTimeOffset End, int ExitCode, string Output);
