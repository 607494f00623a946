namespace Berth.Native.Runtime;

/// <summary>
/// A process to run inside a running container (Docker's exec): its command and, where set, what
/// differs from the container's own process. Env entries are added to (and override) the container's.
/// <c>ConsoleSize</c> [height, width] sizes a TTY from its first byte, before any resize can arrive.
/// </summary>
public sealed record ExecSpec(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string? User,
    string? WorkingDir,
    bool Tty,
    bool Stdin,
    bool Privileged,
    IReadOnlyList<int>? ConsoleSize = null);
