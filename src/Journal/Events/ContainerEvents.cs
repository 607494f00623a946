using Berth.Journal.Model;

namespace Berth.Journal.Events;

// The current event set of a container's life, in one file so the whole vocabulary fits on a
// screen. Events are immutable facts: never edit a field's meaning — add an optional field, or a
// new manifest version with an upcaster (see EventManifests). Golden JSON of every version ever
// written lives in tests/Journal.Tests/Golden and is replayed by a test.

/// <summary>Marker for every fact journaled by a Container actor (PersistenceId <c>container-&lt;id&gt;</c>).</summary>
public interface IContainerEvent : IJournaled
{
    /// <summary>When the fact happened (from the daemon's TimeProvider).</summary>
    DateTimeOffset At { get; }
}

/// <summary>Create accepted: id and name reserved, config merged with the image's, RW layer made.</summary>
public sealed record Created(
    string Id, string Name, string ImageId, string ImageRef,
    ContainerConfig Config, HostConfig HostConfig, DateTimeOffset At) : IContainerEvent;

/// <summary>Intent: a start sequence begins. Every resource the sequence acquires is derivable from the id,
/// so recovery after a crash mid-start releases them idempotently. <c>ByRestartPolicy</c> marks
/// restarts the daemon made on its own; <c>UserRestart</c> marks the start half of a user's restart (Docker's
/// <c>restart</c> event follows its <c>start</c>). Rows written before that field read it as false.</summary>
public sealed record StartRequested(bool ByRestartPolicy, DateTimeOffset At, bool UserRestart = false) : IContainerEvent;

/// <summary>The network sandbox exists: netns made, CNI ADD done.</summary>
public sealed record NetworkAllocated(
    string SandboxKey, IReadOnlyList<NetworkEndpoint> Networks, IReadOnlyList<PortMapping> Ports,
    string? HostsPath, string? ResolvConfPath, string? HostnamePath, DateTimeOffset At) : IContainerEvent;

/// <summary>The container's root filesystem (image layers + init layer + RW layer) is mounted.</summary>
public sealed record RootfsMounted(string MountPath, DateTimeOffset At) : IContainerEvent;

/// <summary>The OCI runtime spec has been generated and written to the bundle.</summary>
public sealed record SpecBuilt(string BundlePath, string SpecDigest, DateTimeOffset At) : IContainerEvent;

/// <summary>The runtime reported the init process running. <c>PidStartTime</c> (clock ticks since boot,
/// /proc/&lt;pid&gt;/stat field 22) detects pid reuse at recovery.</summary>
public sealed record TaskStarted(int Pid, long PidStartTime, int MonitorPid, DateTimeOffset At) : IContainerEvent;

/// <summary>A start sequence failed; what it had acquired is released next. The status stays what it was
/// (created or exited), as Docker does; <c>ExitCode</c> is 128 unless the runtime gave one.</summary>
public sealed record StartFailed(string Error, int ExitCode, DateTimeOffset At) : IContainerEvent;

/// <summary>A user stopped or signalled the container (stop, kill, restart, rm -f): Docker's
/// HasBeenManuallyStopped, which keeps <c>unless-stopped</c> from starting it at the daemon's next start.
/// <c>EndsRun</c>: the request ends the current run (stop signal or SIGKILL), so its exit restarts nothing.
/// <c>Signal</c>: the signal the daemon sends for it right after (null: none, e.g. a pending restart called off);
/// a stop whose grace ran out journals another one with SIGKILL. <c>Verb</c>: the user's command behind it.
/// Both are null in rows written before they existed.</summary>
public sealed record StopRequested(bool EndsRun, DateTimeOffset At, int? Signal = null, StopVerb? Verb = null) : IContainerEvent;

/// <summary>The user command behind a <see cref="StopRequested"/>: Docker reports a <c>stop</c> after the exit
/// of a stop or restart, not of a kill or a forced removal.</summary>
public enum StopVerb
{
    Stop,
    Kill,
    Restart,
    Remove,
}

/// <summary>The init process ended (or was found dead at recovery).</summary>
public sealed record Exited(int ExitCode, bool OomKilled, bool StopRequested, DateTimeOffset At, string? Error = null) : IContainerEvent;

/// <summary>The task's runtime state (conmon, runtime state dir, bundle) is gone.</summary>
public sealed record TaskDeleted(DateTimeOffset At) : IContainerEvent;

/// <summary>The root filesystem is unmounted.</summary>
public sealed record RootfsUnmounted(DateTimeOffset At) : IContainerEvent;

/// <summary>CNI DEL done and the netns removed; addresses returned.</summary>
public sealed record NetworkReleased(DateTimeOffset At) : IContainerEvent;

/// <summary>The container's processes are frozen.</summary>
public sealed record Paused(DateTimeOffset At) : IContainerEvent;

/// <summary>The container's processes are thawed.</summary>
public sealed record Unpaused(DateTimeOffset At) : IContainerEvent;

/// <summary>The container's name changed (the registry reserved the new one first).</summary>
public sealed record Renamed(string OldName, string NewName, DateTimeOffset At) : IContainerEvent;

/// <summary>The restart policy decided to restart after <c>DelayMs</c>; <c>RestartCount</c> is the count after this one.</summary>
public sealed record RestartScheduled(int RestartCount, long DelayMs, DateTimeOffset At) : IContainerEvent;

/// <summary>Intent: removal begins; recovery finishes it.</summary>
public sealed record RemovalStarted(bool RemoveVolumes, DateTimeOffset At) : IContainerEvent;

/// <summary>Removal failed part-way; the container is <c>dead</c> and may be removed again.</summary>
public sealed record RemovalFailed(string Error, DateTimeOffset At) : IContainerEvent;

/// <summary>Every resource is released and the container is gone. The last event of a container.</summary>
public sealed record Removed(DateTimeOffset At) : IContainerEvent;

/// <summary>A pending restart was called off (the user stopped the container while it was restarting).</summary>
public sealed record RestartCancelled(DateTimeOffset At) : IContainerEvent;

/// <summary>The container's resources or restart policy were changed (<c>docker update</c>); <c>HostConfig</c> is
/// the whole host config from now on. A running container had the new resources applied first.</summary>
public sealed record Updated(HostConfig HostConfig, DateTimeOffset At) : IContainerEvent;

/// <summary>The container joined a network (<c>network connect</c>): <c>Settings</c> is kept for its next starts;
/// <c>Endpoint</c> is the interface added to its running sandbox (null when it was not running).</summary>
public sealed record NetworkConnected(EndpointSettings Settings, NetworkEndpoint? Endpoint, DateTimeOffset At) : IContainerEvent;

/// <summary>The container left a network (<c>network disconnect</c>): its interface, if any, is gone (CNI DEL done).</summary>
public sealed record NetworkDisconnected(string Network, DateTimeOffset At) : IContainerEvent;

/// <summary>The container's health status changed (Docker's <c>health_status</c>): <c>Status</c> is <c>starting</c>,
/// <c>healthy</c> or <c>unhealthy</c>; <c>FailingStreak</c> the consecutive failed probes at that moment. Only changes
/// are journaled; each probe's result stays in memory, as in Docker.</summary>
public sealed record HealthStatusChanged(string Status, int FailingStreak, DateTimeOffset At) : IContainerEvent;
