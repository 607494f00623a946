using Berth.Actors.Hosting;

namespace Berth.Actors.Containers;

// Attach, resize and exec: commands for one running container, addressed like the others through
// ContainerRequest. Exec instances live in their container's memory only, as Docker's do.

/// <summary>Attach to the container's stdio. Running: connects now. Otherwise the reply comes when the
/// container next starts, before its process runs. Reply: <see cref="Attached"/> or <see cref="Rejected"/>.</summary>
public sealed record AttachContainer : IContainerCommand;

/// <summary>Reply to <see cref="AttachContainer"/>: the stream, owned by the receiver.</summary>
public sealed record Attached(ContainerStream Stream);

/// <summary>Resize the container's TTY. Reply: <see cref="Done"/>.</summary>
public sealed record ResizeContainer(int Height, int Width) : IContainerCommand;

/// <summary>What to run: Docker's ExecConfig.</summary>
public sealed record ExecConfig(
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> Env,
    string? User,
    string? WorkingDir,
    bool Tty,
    bool AttachStdin,
    bool AttachStdout,
    bool AttachStderr,
    bool Privileged,
    string? DetachKeys,
    IReadOnlyList<int>? ConsoleSize = null);

/// <summary>Create an exec instance. Reply: <see cref="ExecCreated"/>.</summary>
public sealed record CreateExec(ExecConfig Config) : IContainerCommand;

public sealed record ExecCreated(string Id, string ContainerId);

/// <summary>Start an exec. Reply (once its process runs): <see cref="ExecStarted"/>, with the stream unless detached.</summary>
public sealed record StartExec(string ExecId, bool Detach) : IContainerCommand;

public sealed record ExecStarted(ContainerStream? Stream);

/// <summary>Reply: <see cref="ExecDetails"/>.</summary>
public sealed record InspectExec(string ExecId) : IContainerCommand;

/// <summary>Reply once the exec has ended: <see cref="ExecDetails"/>.</summary>
public sealed record WaitExec(string ExecId) : IContainerCommand;

/// <summary>Resize an exec's TTY. Reply: <see cref="Done"/>.</summary>
public sealed record ResizeExec(string ExecId, int Height, int Width) : IContainerCommand;

/// <summary>An exec instance as Docker's exec inspect shows it.</summary>
public sealed record ExecDetails(string ContainerId, ExecInstance Exec);

/// <summary>One exec of a container: its config and where it is in its one run.</summary>
public sealed record ExecInstance(string Id, ExecConfig Config, bool Started = false, bool Running = false, int Pid = 0, int? ExitCode = null);
