namespace Berth.Native.Processes;

/// <summary>A child could not be started at all (missing program, bad descriptor, exec failure).</summary>
public sealed class ProcessStartException(string program, string reason)
    : Exception($"cannot start {program}: {reason}")
{
    public string Program { get; } = program;
}
