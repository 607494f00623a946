namespace Berth.Torture;

/// <summary>One broken promise: which invariant (<see cref="Kind"/>), in which round, and what was seen.</summary>
internal sealed record Violation(string Kind, string Detail);
