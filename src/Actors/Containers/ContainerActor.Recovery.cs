using Akka.Event;
using Akka.Actor;
using Akka.Persistence;
using Berth.Actors.Containers.Children;
using Berth.Actors.Health;
using Berth.Actors.Lifecycle;
using Berth.Actors.Restart;
using Berth.Journal.Events;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

// Recovery: after replay, reconcile the journal with reality. A live task is re-attached; a dead
// one gets its Exited with the monitor's code; a crash mid-start or mid-removal is finished; what a
// dead run still holds is released. Daemon start (not a supervisor restart) applies the restart
// policy to exited containers, as Docker does.
public sealed partial class ContainerActor
{
    /// <summary>
    /// Seeded by the bulk recovery: load no snapshot and replay nothing, only read the highest sequence
    /// number (which numbers the next fact). Otherwise the usual snapshot plus the facts after it.
    /// </summary>
    public override Recovery Recovery => _seed is null ? base.Recovery : Recovery.None;

    private void OnRecovered()
    {
        // A fact journaled after the bulk read would be missing from the seed: fail, and the supervisor's
        // restart (which finds the seed taken) replays the journal instead.
        if (_seed is not null && LastSequenceNr != _seed.SequenceNr)
            throw new StaleRecoverySeedException(_id, _seed.SequenceNr, LastSequenceNr);
        if (!_state.Exists)
        {
            if (_expectCreate) Become(AwaitingCreate);
            else Vanish();
            return;
        }
        if (_state.Status == ContainerStatus.Removed) { Gone(); return; }
        Context.Parent.Tell(new ContainerStateChanged(_state));
        // The registry is the authority on names: a crash between its NameChanged and our Renamed is caught up here.
        if (_state.Name != _registeredName)
        {
            Become(BusyCommon);
            PersistFact(new Renamed(_state.Name, _registeredName, Now), Reconcile);
        }
        else Reconcile();
    }

    // Every branch that waits for something becomes busy first (here or in the sequence it begins); an idle
    // container goes straight to Ready, sparing thousands of recovering actors a behaviour they never use.
    private void Reconcile()
    {
        // A start cut short by the crash (a user's or the restart policy's) acquired who knows what:
        // record the failure and release it all before anything else happens.
        if (_state.StartInProgress)
        {
            Become(BusyCommon);
            PersistFact(new StartFailed("the daemon stopped while the container was starting", 128, Now),
                () => ReleaseAll(AfterIdleRecovery));
            return;
        }
        switch (_state.Status)
        {
            case ContainerStatus.Removing:
                BeginRemoval(null, _state.RemoveVolumes);
                break;
            case ContainerStatus.Running or ContainerStatus.Paused when _state.Task is { } task:
                Become(() =>
                {
                    BusyCommon();
                    Command<TaskProbed>(m => OnProbed(m.Probe));
                    Command<StepFailed>(f => OnProbed(new TaskProbe.Lost(Now), $"{f.Step}: {f.Error}"));
                });
                TaskChild.Tell(new ProbeTask(Handle(task)));
                break;
            case ContainerStatus.Restarting:
                var due = (_state.RestartDueAt ?? Now) - Now;
                Timers.StartSingleTimer(RestartTimer, new RestartDue(), due > TimeSpan.Zero ? due : TimeSpan.Zero);
                BecomeReady();
                break;
            default:
                if (_state.HoldsAnything) ReleaseAll(AfterIdleRecovery);
                else AfterIdleRecovery();
                break;
        }
    }

    private void OnProbed(TaskProbe probe, string? error = null)
    {
        switch (probe)
        {
            case TaskProbe.Alive alive:
                TaskChild.Tell(new WatchTask(Handle(_state.Task!)));
                // The freezer is the truth: a pause or unpause cut short by the crash did its work without its fact,
                // and a frozen container the journal calls running could be neither unpaused nor killed.
                if (alive.Frozen != (_state.Status == ContainerStatus.Paused))
                    PersistFact(alive.Frozen ? new Paused(Now) : new Unpaused(Now), ResumeAttached);
                else ResumeAttached();
                break;
            case TaskProbe.Ended ended:
                OnTaskExited(ended.Exit);
                break;
            case TaskProbe.Lost lost:
                // Nothing recorded how it ended (monitor gone, no exit file): Docker reports 255 then.
                OnTaskExited(new TaskExit(255, false, lost.NoticedAt),
                    error ?? "the container's process ended while the daemon was down and left no exit status");
                break;
        }
    }

    private void ResumeAttached()
    {
        // An Unpaused journaled just now has started the monitor already (from its journaled status, as an unpause does).
        if (_health is null) StartHealthMonitor(HealthMachine.Starting);
        BecomeReady();
    }

    private void AfterIdleRecovery()
    {
        var startAgain = !_restartedBySupervisor
            && _state.Status == ContainerStatus.Exited
            && RestartDecision.AtDaemonStart(_state.HostConfig.RestartPolicy, _state.ExitCode, _state.ManuallyStopped, _state.RestartCount);
        if (startAgain) { BeginStartWithPeers(null, byRestartPolicy: true); return; }
        // As Docker's restore: a --rm container that is not running and whose removal never began (a crash
        // right after its exit was journaled, or between its create and its start) is removed now.
        if (!_restartedBySupervisor && _state.Status is (ContainerStatus.Exited or ContainerStatus.Created) && _state.HostConfig.AutoRemove)
        {
            AnswerWaiters(w => w == WaitCondition.NotRunning);
            BeginRemoval(null, removeVolumes: true);
            return;
        }
        // Anyone who asked to wait while the leftovers were released hears of the exit now.
        AnswerWaiters(w => w == WaitCondition.NotRunning);
        BecomeReady();
    }
}
