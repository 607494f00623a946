using Akka.Actor;
using Berth.Actors.Health;
using Berth.Actors.Lifecycle;
using Berth.Journal.Events;

namespace Berth.Actors.Containers;

// The health monitor: a child that runs while the task runs (not while paused), as Docker's monitor
// goroutine. Only status changes are journaled; the live streak and the probe log stay in memory.
public sealed partial class ContainerActor
{
    private IActorRef? _health;
    private int _healthRuns;
    private HealthMachine? _liveHealth;
    private IReadOnlyList<HealthProbeResult> _healthLog = [];

    /// <summary>Handled in every behaviour: a probe's result never waits for a sequence to end.</summary>
    private void HealthReports() => Command<HealthReport>(OnHealthReport);

    private void OnHealthReport(HealthReport report)
    {
        // A report sent before its monitor was stopped (the run ended, or it was paused) is stale.
        if (!Sender.Equals(_health) || _state.Status != ContainerStatus.Running) return;
        _liveHealth = report.Health;
        _healthLog = report.Log;
        if (_state.Health?.Status != report.Health.Status)
            PersistFact(new HealthStatusChanged(report.Health.Status, report.Health.FailingStreak, Now));
    }

    /// <summary>Keeps the monitor in step with a fact just applied.</summary>
    private void FollowHealth(IContainerEvent fact)
    {
        switch (fact)
        {
            case TaskStarted:
                StartHealthMonitor(HealthMachine.Starting);
                break;
            case Unpaused when _state.Health is { } health:
                StartHealthMonitor(new HealthMachine(health.Status, health.FailingStreak));
                break;
            case Exited or Paused:
                StopHealthMonitor();
                break;
        }
    }

    /// <summary>Starts a monitor for the running task when its config has a check. A re-attached task (daemon
    /// restart) starts again from <c>starting</c>, as Docker's restore does.</summary>
    private void StartHealthMonitor(HealthMachine initial)
    {
        StopHealthMonitor();
        if (_state.Status != ContainerStatus.Running || HealthPlan.From(_state.Config.Healthcheck) is not { } plan) return;
        _liveHealth = initial;
        // Numbered: a stopped monitor's name stays taken until it has terminated, and an unpause may follow at once.
        _health = Context.ActorOf(
            HealthActor.Props(_id, plan, _state.StartedAt ?? Now, initial, _healthLog, _services.Runtime, _services.Clock),
            "health-" + ++_healthRuns);
    }

    private void StopHealthMonitor()
    {
        if (_health is null) return;
        Context.Stop(_health);
        _health = null;
        _liveHealth = null;
    }

    /// <summary>Inspect's <c>State.Health</c>: the journaled status, the live streak while a monitor runs, the kept log.</summary>
    private ContainerDetails Details() => new(_state)
    {
        Health = _state.Health is { } h
            ? new HealthView(h.Status, _liveHealth is { } live && live.Status == h.Status ? live.FailingStreak : h.FailingStreak, _healthLog)
            : null,
    };
}
