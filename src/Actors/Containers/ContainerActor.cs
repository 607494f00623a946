using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Berth.Actors.Containers.Children;
using Berth.Actors.Events;
using Berth.Actors.Lifecycle;
using Berth.Journal.Events;

namespace Berth.Actors.Containers;

/// <summary>
/// One container: an event-sourced actor (PersistenceId <c>container-&lt;id&gt;</c>) whose state is
/// exactly the replay of its facts. It validates a command, asks a child to act, persists the fact
/// the child reports, applies it, replies. Children: <c>sandbox</c>, <c>rwlayer</c>, <c>task</c>.
/// Multi-step sequences (start, release, removal) stash other commands until they end.
/// </summary>
public sealed partial class ContainerActor : ReceivePersistentActor, IWithTimers, IWithUnboundedStash
{
    private readonly string _id;
    private readonly string _registeredName;
    private readonly bool _expectCreate;
    private readonly ContainerServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _sandbox;
    private IActorRef? _rwlayer;
    private IActorRef? _task;
    private readonly List<(WaitCondition Condition, IActorRef ReplyTo)> _waiters = new();
    private readonly List<ExitWaiter> _exitWaiters = new();
    private ContainerState _state = ContainerState.Empty;
    private bool _restartedBySupervisor;
    /// <summary>A run's resources are being released: its exit is journaled, but a waiter must not hear of it yet.</summary>
    private bool _releasing;
    private readonly RecoverySeed? _seed;

    public ContainerActor(string id, string registeredName, bool expectCreate, ContainerServices services, RecoverySeed? seed = null)
    {
        _seed = seed?.Take();
        if (_seed is not null) _state = _seed.State;
        _id = id;
        _registeredName = registeredName;
        _expectCreate = expectCreate;
        _services = services;

        Recover<SnapshotOffer>(offer => _state = (ContainerState)offer.Snapshot);
        Recover<IContainerEvent>(evt => _state = _state.Apply(evt));
        Recover<RecoveryCompleted>(_ => OnRecovered());
    }

    public override string PersistenceId => "container-" + _id;

    // The children are made when first needed: most recovered containers hold nothing and never ask them
    // anything, and a daemon start with thousands of containers would otherwise make three actors for each.
    private IActorRef SandboxChild => _sandbox ??= Context.ActorOf(SandboxActor.Props(_id, _services.Sandboxes), "sandbox");

    private IActorRef RwLayerChild => _rwlayer ??= Context.ActorOf(RwLayerActor.Props(_id, _services.Layers), "rwlayer");

    private IActorRef TaskChild => _task ??= Context.ActorOf(TaskActor.Props(_id, _services.Runtime), "task");

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string id, string registeredName, bool expectCreate, ContainerServices services) =>
        Akka.Actor.Props.Create(() => new ContainerActor(id, registeredName, expectCreate, services, null));

    /// <summary>A container recovered at daemon start from the bulk read's <paramref name="seed"/> instead of its own replay.</summary>
    public static Props Props(string id, string registeredName, ContainerServices services, RecoverySeed seed) =>
        Akka.Actor.Props.Create(() => new ContainerActor(id, registeredName, false, services, seed));

    private DateTimeOffset Now => _services.Clock.GetUtcNow();

    protected override void PostRestart(Exception reason)
    {
        _restartedBySupervisor = true;
        base.PostRestart(reason);
    }

    /// <summary>The steady behaviour: every command is checked against the rules, then carried out.</summary>
    private void Ready()
    {
        RootfsAccessHandlers();
        CommandHandlers();
        ExecReports();
        HealthReports();
        Command<TaskExitObserved>(m => OnTaskExited(m.Exit));
        Command<StopGraceExpired>(OnStopGraceExpired);
        Command<RestartDue>(_ => OnRestartDue());
        Command<TaskSignalled>(OnTaskSignalled);
        Command<TaskPaused>(m => PersistIf(_state.Status == ContainerStatus.Running, new Paused(Now), m.ReplyTo));
        Command<TaskResumed>(m => PersistIf(_state.Status == ContainerStatus.Paused, new Unpaused(Now), m.ReplyTo));
        Command<TaskProbed>(m => OnProbed(m.Probe));
        Command<TaskUpdated>(m => PersistUpdated(m.HostConfig, m.ReplyTo));
        Command<ProbeAgain>(_ => { if (_state.Task is { } t) TaskChild.Tell(new ProbeTask(Handle(t))); });
        Command<StepFailed>(OnStepFailedWhileReady);
        SnapshotReplies();
    }

    private void SnapshotReplies()
    {
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(m => _log.Warning("container {0}: snapshot failed: {1}", _id, m.Cause.Message));
    }

    private void CommandHandlers()
    {
        Command<InspectContainer>(_ => Sender.Tell(Details()));
        Command<WaitContainer>(OnWait);
        ExecCommands();
        Command<IContainerCommand>(command =>
        {
            if (CommandRules.Check(command, _state) is { } refusal) { Sender.Tell(refusal); return; }
            Handle(command);
        });
    }

    private void Handle(IContainerCommand command)
    {
        switch (command)
        {
            case StartContainer: BeginStartWithPeers(Sender, byRestartPolicy: false); break;
            case StopContainer stop: BeginStop(stop, Sender); break;
            case KillContainer kill: Kill(kill, Sender); break;
            case RestartContainer restart: BeginRestart(restart, Sender); break;
            case PauseContainer: TaskChild.Tell(new PauseTask(Sender)); break;
            case UnpauseContainer: TaskChild.Tell(new ResumeTask(Sender)); break;
            case RenameContainer rename: Rename(rename.NewName, Sender); break;
            case RemoveContainer remove: BeginRemove(remove, Sender); break;
            case UpdateContainer update: Update(update, Sender); break;
            case ConnectContainer connect: Connect(connect, Sender); break;
            case DisconnectContainer disconnect: Disconnect(disconnect, Sender); break;
        }
    }

    /// <summary>A multi-step sequence is under way: answer what is safe, keep the rest for later.</summary>
    private void BusyCommon()
    {
        // A watch ending mid-sequence (the task is being deleted under it) is no news: the sequence
        // that is running already knows how the run ended.
        Command<StepFailed>(f => f.Step == "watch task", _ => { });
        ExecReports();
        HealthReports();
        Command<InspectContainer>(_ => Sender.Tell(Details()));
        Command<WaitContainer>(OnWait);
        // Docker refuses a second removal at once (409), rather than after the first is over;
        // clients such as Testcontainers rely on that answer when AutoRemove races their own rm.
        Command<RemoveContainer>(_ => _state.Status == ContainerStatus.Removing, m => Sender.Tell(CommandRules.Check(m, _state)!));
        Command<IContainerCommand>(_ => Stash.Stash());
        Command<TaskPaused>(_ => Stash.Stash());
        Command<TaskResumed>(_ => Stash.Stash());
        Command<TaskSignalled>(OnTaskSignalled);
        Command<TaskUpdated>(_ => Stash.Stash());
        Command<StopGraceExpired>(OnStopGraceExpired);
        Command<RestartDue>(_ => Stash.Stash());
        SnapshotReplies();
    }

    private void BecomeReady()
    {
        Become(Ready);
        Stash.UnstashAll();
    }

    /// <summary>Journals a freeze/thaw the task reported, unless the run ended meanwhile.</summary>
    private void PersistIf(bool stillTrue, IContainerEvent fact, IActorRef replyTo)
    {
        if (stillTrue) PersistFact(fact, () => replyTo.Tell(new Done(_id)));
        else replyTo.Tell(new Done(_id));
    }

    private void Rename(string newName, IActorRef replyTo)
    {
        if (newName == _state.Name) { replyTo.Tell(new Done(_id)); return; }
        PersistFact(new Renamed(_state.Name, newName, Now), () => replyTo.Tell(new Done(_id)));
    }

    /// <summary>Persists one fact, applies it, publishes it to the event feed, tells the parent, snapshots when due, then continues.</summary>
    private void PersistFact(IContainerEvent fact, Action? then = null)
    {
        Persist(fact, evt =>
        {
            _state = _state.Apply(evt);
            FollowHealth(evt);
            Context.System.EventStream.Publish(new FactPublished(PersistenceId, LastSequenceNr, evt));
            Context.Parent.Tell(new ContainerStateChanged(_state));
            if (_services.SnapshotEvery > 0 && LastSequenceNr % _services.SnapshotEvery == 0)
                SaveSnapshot(_state);
            then?.Invoke();
        });
    }

    private void OnStepFailedWhileReady(StepFailed failure)
    {
        _log.Warning("container {0}: {1} failed: {2}", _id, failure.Step, failure.Error);
        failure.ReplyTo?.Tell(new Rejected(ErrorKind.Internal, $"{failure.Step}: {failure.Error}"));
        // Without an exit watch the container's end would go unnoticed: probe again shortly.
        if (failure.Step == "watch task" && _state.Task is not null)
            Timers.StartSingleTimer("reprobe", new ProbeAgain(), TimeSpan.FromSeconds(1));
    }

    private sealed record ProbeAgain;
}
