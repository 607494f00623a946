using Berth.Native.Runtime;

namespace Berth.Actors.Health;

// What a health monitor tells its container, and what it tells itself about its running probe.

/// <summary>Child → container, at the monitor's start and after every probe: the live status and streak, and the
/// kept probe log (oldest first). The container journals the status when it changed.</summary>
public sealed record HealthReport(HealthMachine Health, IReadOnlyList<HealthProbeResult> Log);

/// <summary>The interval is up: run the next probe.</summary>
internal sealed record ProbeDue;

/// <summary>The probe's exec process exists; the monitor keeps it to kill it on timeout.</summary>
internal sealed record ProbeLaunched(int Probe, IExecProcess Process);

/// <summary>The probe ran past its timeout.</summary>
internal sealed record ProbeTimedOut(int Probe);

/// <summary>The probe's process ended with <c>ExitCode</c> (or could not run: <c>Error</c>).</summary>
internal sealed record ProbeEnded(int Probe, int ExitCode, string Output, string? Error);
