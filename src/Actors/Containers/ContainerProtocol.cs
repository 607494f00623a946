using Berth.Journal.Model;

namespace Berth.Actors.Containers;

// The commands a user can give a container, and the replies they get. Commands are addressed by a
// reference (full id, name, or unique id prefix) through the registry: ContainerRequest.

/// <summary>A command for one existing container.</summary>
public interface IContainerCommand;

/// <summary>Sent to the registry: resolve <c>Ref</c> and deliver <c>Command</c> to that container.</summary>
public sealed record ContainerRequest(string Ref, IContainerCommand Command);

/// <summary>Create a container. <c>Name</c> null → a random name. Reply: <see cref="ContainerCreated"/> or <see cref="Rejected"/>.</summary>
public sealed record CreateContainer(string? Name, string ImageId, string ImageRef, ContainerConfig Config, HostConfig HostConfig);

/// <summary>Reply to <see cref="CreateContainer"/>.</summary>
/// <param name="Volumes">Config.Volumes after the image's were merged in: the API makes their anonymous volumes.</param>
public sealed record ContainerCreated(string Id, string Name, IReadOnlyList<string>? Volumes = null);

public sealed record StartContainer : IContainerCommand;

/// <summary>Stop: <c>Signal</c> (default the container's StopSignal, else SIGTERM), then SIGKILL after the grace period.</summary>
public sealed record StopContainer(int? TimeoutSeconds = null, string? Signal = null) : IContainerCommand;

public sealed record KillContainer(string Signal = "SIGKILL") : IContainerCommand;

public sealed record RestartContainer(int? TimeoutSeconds = null) : IContainerCommand;

public sealed record PauseContainer : IContainerCommand;

public sealed record UnpauseContainer : IContainerCommand;

public sealed record RenameContainer(string NewName) : IContainerCommand;

/// <summary>Docker's wait conditions.</summary>
public enum WaitCondition { NotRunning, NextExit, Removed }

/// <summary>Reply: <see cref="WaitCompleted"/> once the condition holds.</summary>
public sealed record WaitContainer(WaitCondition Condition = WaitCondition.NotRunning) : IContainerCommand;

/// <summary>Reply to <see cref="WaitContainer"/>: Docker's <c>StatusCode</c> and error.</summary>
public sealed record WaitCompleted(int StatusCode, string? Error);

/// <param name="Reference">
/// The id, id prefix or name the client asked for, quoted back in Docker's "removal … already in
/// progress" refusal: clients match that text (Testcontainers ignores it for the full id it passed).
/// </param>
public sealed record RemoveContainer(bool Force = false, bool RemoveVolumes = false, string? Reference = null) : IContainerCommand;

/// <summary>Reply: <see cref="ContainerDetails"/>.</summary>
public sealed record InspectContainer : IContainerCommand;

/// <summary>Reply to <see cref="InspectContainer"/> and the rows of <see cref="ContainerList"/>.</summary>
public sealed record ContainerDetails(ContainerState State)
{
    /// <summary>Inspect's <c>State.Health</c>; null for a container whose check never ran.</summary>
    public HealthView? Health { get; init; }
}

/// <summary>A container's health as inspect shows it: status, consecutive failures, the last probes (oldest first).</summary>
public sealed record HealthView(string Status, int FailingStreak, IReadOnlyList<Health.HealthProbeResult> Log);

/// <summary>Sent to the containers actor. Reply: <see cref="ContainerList"/>.</summary>
public sealed record ListContainers(bool All);

public sealed record ContainerList(IReadOnlyList<ContainerState> Containers);

/// <summary>
/// Lend the container's root file system to a reader or writer (docker cp, export). A running
/// container's mounted rootfs is lent as is; a stopped one's is mounted for the loan, and unmounted
/// when the last loan is returned. Reply: <see cref="RootfsAccess"/> or <see cref="Rejected"/>.
/// </summary>
public sealed record AcquireRootfs : IContainerCommand;

/// <summary>Reply to <see cref="AcquireRootfs"/>: where the rootfs is; <c>Leased</c> says a <see cref="ReleaseRootfs"/> must follow.</summary>
public sealed record RootfsAccess(string Id, string Path, bool Leased);

/// <summary>Return a loan of <see cref="AcquireRootfs"/>. Reply: <see cref="Done"/>.</summary>
public sealed record ReleaseRootfs : IContainerCommand;
