using System.Text.Json.Serialization;
using Berth.Actors.Health;
using Berth.Actors.Lifecycle;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Actors.Containers;

/// <summary>
/// What a container is: exactly what replaying its events gives, and nothing else. Changed only by
/// <see cref="Apply"/>, which serves both recovery and the persist callback. The <c>Holds*</c> flags
/// say which OS resources the container may hold; a start's intent sets them all, each release fact
/// clears one, so recovery knows what to release.
/// </summary>
public sealed record ContainerState : IJournaled
{
    public static readonly ContainerState Empty = new();

    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string ImageId { get; init; } = "";
    public string ImageRef { get; init; } = "";
    public ContainerConfig Config { get; init; } = new();
    public HostConfig HostConfig { get; init; } = new();
    public DateTimeOffset CreatedAt { get; init; }

    public ContainerStatus Status { get; init; } = ContainerStatus.Created;
    public bool Exists { get; init; }
    public bool StartInProgress { get; init; }
    public bool ByRestartPolicy { get; init; }

    public bool HoldsNetwork { get; init; }
    public bool HoldsRootfs { get; init; }
    public bool HoldsTask { get; init; }
    public NetworkAllocated? Network { get; init; }
    public string? RootfsPath { get; init; }
    public SpecBuilt? Bundle { get; init; }
    public TaskStarted? Task { get; init; }

    public int ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public string Error { get; init; } = "";
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Docker's HasBeenManuallyStopped: a user stopped or killed it since its last start.</summary>
    public bool ManuallyStopped { get; init; }
    /// <summary>A stop was requested while this run was going on: its exit restarts nothing.</summary>
    public bool StopRequestedThisRun { get; init; }
    public int RestartCount { get; init; }
    public long LastRestartDelayMs { get; init; }
    public DateTimeOffset? RestartDueAt { get; init; }
    public bool RemoveVolumes { get; init; }
    /// <summary>Null for a container whose check never ran (none configured, or never started).</summary>
    public ContainerHealth? Health { get; init; }

    // Derived, not state: kept out of snapshots (older snapshots that hold them still read).
    [JsonIgnore]
    public bool IsRunning => Status is ContainerStatus.Running or ContainerStatus.Paused;
    [JsonIgnore]
    public bool HoldsAnything => HoldsNetwork || HoldsRootfs || HoldsTask;

    public ContainerState Apply(IContainerEvent evt) => evt switch
    {
        Created e => this with
        {
            Id = e.Id, Name = e.Name, ImageId = e.ImageId, ImageRef = e.ImageRef, Config = e.Config,
            HostConfig = e.HostConfig, CreatedAt = e.At, Status = ContainerStatus.Created, Exists = true,
        },
        StartRequested e => this with
        {
            StartInProgress = true, ByRestartPolicy = e.ByRestartPolicy,
            HoldsNetwork = true, HoldsRootfs = true, HoldsTask = true,
            ManuallyStopped = e.ByRestartPolicy && ManuallyStopped,
            StopRequestedThisRun = false,
            RestartCount = e.ByRestartPolicy ? RestartCount : 0,
            LastRestartDelayMs = e.ByRestartPolicy ? LastRestartDelayMs : 0,
            RestartDueAt = null,
        },
        NetworkAllocated e => this with { Network = e },
        RootfsMounted e => this with { RootfsPath = e.MountPath },
        SpecBuilt e => this with { Bundle = e },
        TaskStarted e => this with
        {
            Status = Move(ContainerStatus.Running), StartInProgress = false, Task = e,
            StartedAt = e.At, ExitCode = 0, OomKilled = false, Error = "",
            Health = HealthPlan.IsEnabled(Config.Healthcheck) ? new ContainerHealth(HealthStatus.Starting, 0) : Health,
        },
        StartFailed e => this with
        {
            Status = Move(Status == ContainerStatus.Restarting ? ContainerStatus.Exited : Status),
            StartInProgress = false, Error = e.Error, ExitCode = e.ExitCode,
        },
        StopRequested e => this with { ManuallyStopped = true, StopRequestedThisRun = StopRequestedThisRun || e.EndsRun && IsRunning },
        Exited e => this with
        {
            Status = Move(ContainerStatus.Exited), ExitCode = e.ExitCode, OomKilled = e.OomKilled,
            FinishedAt = e.At, Error = e.Error ?? "", StopRequestedThisRun = StopRequestedThisRun || e.StopRequested,
            // Docker marks a stopped monitor's status unhealthy "for compatibility reasons" (CloseMonitorChannel).
            Health = Health is null ? null : Health with { Status = HealthStatus.Unhealthy },
        },
        HealthStatusChanged e => this with { Health = new ContainerHealth(e.Status, e.FailingStreak) },
        TaskDeleted => this with { HoldsTask = false, Task = null, Bundle = null },
        RootfsUnmounted => this with { HoldsRootfs = false, RootfsPath = null },
        NetworkReleased => this with { HoldsNetwork = false, Network = null },
        // Pausing stops the monitor, which Docker marks unhealthy as at an exit.
        Paused => this with { Status = Move(ContainerStatus.Paused), Health = Health is null ? null : Health with { Status = HealthStatus.Unhealthy } },
        Unpaused => this with { Status = Move(ContainerStatus.Running) },
        Renamed e => this with { Name = e.NewName },
        Updated e => this with { HostConfig = e.HostConfig },
        NetworkConnected e => this with
        {
            HostConfig = HostConfig with { EndpointsConfig = [.. ContainerNetworks.Configured(this).Where(n => n.Network != e.Settings.Network), e.Settings] },
            Network = Network is { } held && e.Endpoint is { } endpoint ? held with { Networks = [.. held.Networks, endpoint] } : Network,
        },
        NetworkDisconnected e => this with
        {
            HostConfig = HostConfig with { EndpointsConfig = [.. ContainerNetworks.Configured(this).Where(n => n.Network != e.Network)] },
            Network = Network is { } held ? held with { Networks = [.. held.Networks.Where(n => n.Network != e.Network)] } : Network,
        },
        RestartScheduled e => this with
        {
            Status = Move(ContainerStatus.Restarting), RestartCount = e.RestartCount,
            LastRestartDelayMs = e.DelayMs, RestartDueAt = e.At.AddMilliseconds(e.DelayMs),
        },
        RestartCancelled => this with { Status = Move(ContainerStatus.Exited), RestartDueAt = null },
        RemovalStarted e => this with { Status = Move(ContainerStatus.Removing), RemoveVolumes = e.RemoveVolumes },
        RemovalFailed e => this with { Status = Move(ContainerStatus.Dead), Error = e.Error },
        Removed => this with { Status = Move(ContainerStatus.Removed) },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt.GetType().Name, "an event the state does not know"),
    };

    private ContainerStatus Move(ContainerStatus to) => LifecycleTable.Move(Status, to);
}
