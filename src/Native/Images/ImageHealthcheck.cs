namespace Berth.Native.Images;

/// <summary>An image's HEALTHCHECK, as Docker writes it: durations in nanoseconds, 0 or null meaning "inherit".</summary>
public sealed record ImageHealthcheck
{
    public IReadOnlyList<string>? Test { get; init; }
    public long? Interval { get; init; }
    public long? Timeout { get; init; }
    public long? StartPeriod { get; init; }
    public long? StartInterval { get; init; }
    public int? Retries { get; init; }
}
