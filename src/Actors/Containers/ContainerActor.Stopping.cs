using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Actors.Lifecycle;
using Berth.Actors.Restart;
using Berth.Journal.Events;
using Berth.Native;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

// Stop, kill, restart and the end of a run: the exit is journaled, what the run held is released,
// then the restart policy (or --rm) decides what comes next.
public sealed partial class ContainerActor
{
    private const string StopGraceTimer = "stop-grace";
    private const string RestartTimer = "restart";

    /// <summary>What to do once the current run has ended and been released, instead of the restart policy.</summary>
    private Action? _afterUserStop;

    private void BeginStop(StopContainer stop, IActorRef replyTo, StopVerb verb = StopVerb.Stop)
    {
        if (_state.Status == ContainerStatus.Restarting) { CancelRestart(() => replyTo.Tell(new Done(_id)), verb); return; }
        if (!TryParseSignal(stop.Signal ?? _state.Config.StopSignal ?? "SIGTERM", replyTo, out var signal)) return;
        var grace = stop.TimeoutSeconds ?? _state.Config.StopTimeout ?? 10;
        PersistFact(new StopRequested(EndsRun: true, Now, signal, verb), () =>
        {
            _exitWaiters.Add(new ExitWaiter(replyTo, new Done(_id)));
            SignalEndingRun(signal);
            // A negative grace waits for ever, as Docker's -t -1.
            if (grace >= 0) Timers.StartSingleTimer(StopGraceTimer, new StopGraceExpired(), TimeSpan.FromSeconds(grace));
        });
    }

    private void Kill(KillContainer kill, IActorRef replyTo)
    {
        if (!TryParseSignal(kill.Signal, replyTo, out var signal)) return;
        if (_state.Status == ContainerStatus.Restarting) { CancelRestart(() => replyTo.Tell(new Done(_id)), StopVerb.Kill); return; }
        var stopSignal = _state.Config.StopSignal is { } s && Signals.TryParse(s, out var parsed) ? parsed : (int?)null;
        var endsRun = stopSignal is null || signal == Signals.SIGKILL || signal == stopSignal;
        PersistFact(new StopRequested(endsRun, Now, signal, StopVerb.Kill), () =>
        {
            if (signal == Signals.SIGKILL)
            {
                // Answer SIGKILL only once the exit is journaled, so a following inspect sees it.
                _exitWaiters.Add(new ExitWaiter(replyTo, new Done(_id)));
                SignalEndingRun(signal);
            }
            else if (endsRun) { SignalEndingRun(signal, replyTo); }
            else TaskChild.Tell(new SignalTask(signal, replyTo));
        });
    }

    /// <summary>Sends a run-ending signal; a paused container is thawed after it, so it can act on it.</summary>
    private void SignalEndingRun(int signal, IActorRef? replyTo = null)
    {
        TaskChild.Tell(new SignalTask(signal, replyTo ?? ActorRefs.Nobody));
        if (_state.Status == ContainerStatus.Paused) TaskChild.Tell(new ResumeTask(ActorRefs.Nobody));
    }

    private void BeginRestart(RestartContainer restart, IActorRef replyTo)
    {
        if (_state.Status == ContainerStatus.Restarting)
        {
            CancelRestart(() => BeginStartWithPeers(replyTo, byRestartPolicy: false, userRestart: true), StopVerb.Restart);
            return;
        }
        if (!_state.IsRunning) { BeginStartWithPeers(replyTo, byRestartPolicy: false, userRestart: true); return; }
        _afterUserStop = () => BeginStartWithPeers(replyTo, byRestartPolicy: false, userRestart: true);
        BeginStop(new StopContainer(restart.TimeoutSeconds), ActorRefs.Nobody, StopVerb.Restart);
    }

    private void CancelRestart(Action then, StopVerb verb)
    {
        Timers.Cancel(RestartTimer);
        PersistFact(new StopRequested(EndsRun: true, Now, Verb: verb), () => PersistFact(new RestartCancelled(Now), then));
    }

    private void OnStopGraceExpired(StopGraceExpired _)
    {
        // The escalation is journaled too: Docker reports it as a second kill event.
        if (_state.IsRunning)
            PersistFact(new StopRequested(EndsRun: true, Now, Signals.SIGKILL), () => TaskChild.Tell(new SignalTask(Signals.SIGKILL, ActorRefs.Nobody)));
    }

    private void OnTaskSignalled(TaskSignalled signalled)
    {
        if (!signalled.ReplyTo.IsNobody()) signalled.ReplyTo.Tell(new Done(_id));
    }

    private void OnTaskExited(TaskExit exit, string? error = null)
    {
        if (!_state.IsRunning) return;
        Timers.Cancel(StopGraceTimer);
        var exited = new Exited(exit.ExitCode, exit.OomKilled, _state.StopRequestedThisRun, exit.FinishedAt, error);
        if (_afterUserStop is null && _state.HostConfig.AutoRemove)
        {
            // --rm: the removal's intent goes into the journal with the exit (one write), and the
            // run's release is the removal's; Docker's daemon removes such a container by itself.
            PersistFact(exited);
            PersistFact(new RemovalStarted(RemoveVolumes: true, Now), () => ReleaseAll(() =>
            {
                AnswerRunEnded();
                RemoveRwLayer(null);
            }));
            return;
        }
        PersistFact(exited, () => ReleaseAll(() =>
        {
            AnswerRunEnded();
            AfterRunEnded();
        }));
    }

    /// <summary>
    /// As Docker, stop/kill/wait answer once the run's resources are released, so whoever asked sees
    /// a container that holds nothing.
    /// </summary>
    private void AnswerRunEnded()
    {
        foreach (var waiter in _exitWaiters) waiter.ReplyTo.Tell(waiter.Reply);
        _exitWaiters.Clear();
        AnswerWaiters(w => w is WaitCondition.NotRunning or WaitCondition.NextExit);
    }

    private void AfterRunEnded()
    {
        if (_afterUserStop is { } next) { _afterUserStop = null; next(); return; }
        var lastRun = (_state.FinishedAt ?? Now) - (_state.StartedAt ?? Now);
        var delay = RestartDecision.AfterExit(
            _state.HostConfig.RestartPolicy, _state.ExitCode, _state.StopRequestedThisRun, _state.ManuallyStopped,
            _state.RestartCount, TimeSpan.FromMilliseconds(_state.LastRestartDelayMs), lastRun, _services.Backoff);
        if (delay is { } d)
        {
            PersistFact(new RestartScheduled(_state.RestartCount + 1, (long)d.TotalMilliseconds, Now), () =>
            {
                Timers.StartSingleTimer(RestartTimer, new RestartDue(), d);
                BecomeReady();
            });
        }
        else if (_state.HostConfig.AutoRemove) BeginRemoval(null, removeVolumes: true);
        else BecomeReady();
    }

    private void OnRestartDue()
    {
        if (_state.Status == ContainerStatus.Restarting) BeginStartWithPeers(null, byRestartPolicy: true);
    }

    private void OnWait(WaitContainer wait)
    {
        // As Docker (cleanup before the state says stopped), a waiter hears of an exit only once its
        // netns, mounts and monitor are gone; those still releasing answer from the release's end.
        var settled = !_state.IsRunning && _state.Status != ContainerStatus.Restarting && !_releasing;
        if (wait.Condition == WaitCondition.NotRunning && settled) { Sender.Tell(new WaitCompleted(_state.ExitCode, null)); return; }
        _waiters.Add((wait.Condition, Sender));
    }

    private void AnswerWaiters(Func<WaitCondition, bool> which)
    {
        var error = string.IsNullOrEmpty(_state.Error) ? null : _state.Error;
        foreach (var waiter in _waiters.Where(w => which(w.Condition)).ToList())
        {
            waiter.ReplyTo.Tell(new WaitCompleted(_state.ExitCode, error));
            _waiters.Remove(waiter);
        }
    }

    private bool TryParseSignal(string text, IActorRef replyTo, out int signal)
    {
        if (Signals.TryParse(text, out signal)) return true;
        replyTo.Tell(new Rejected(ErrorKind.InvalidParameter, $"invalid signal: {text}"));
        return false;
    }
}
