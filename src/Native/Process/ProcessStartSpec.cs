using System.Runtime.InteropServices;

namespace Berth.Native.Processes;

/// <summary>
/// What to run: an absolute program path and its arguments, environment entries added to (or
/// replacing) the daemon's own, and descriptors the child receives at fixed numbers (3–99).
/// Stdin is /dev/null; stdout and stderr are captured.
/// </summary>
public sealed record ProcessStartSpec(string Program, IReadOnlyList<string> Args)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Child fd number → the parent's handle to give it. The parent keeps its handle.</summary>
    public IReadOnlyDictionary<int, SafeHandle> Descriptors { get; init; } = new Dictionary<int, SafeHandle>();

    /// <summary>
    /// Start the child in its own session (the default), so a signal aimed at the daemon's
    /// process group or terminal never reaches a runtime call half-way.
    /// </summary>
    public bool NewSession { get; init; } = true;

    /// <summary>The command line as one string, for messages.</summary>
    public string Describe() => string.Join(' ', [Program, .. Args]);
}
