using Akka.Actor;
using Akka.Event;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;

namespace Berth.Actors.Containers;

/// <summary>
/// The restart-policy supervisor of every container actor (child name = the container id). It
/// spawns the registry's live containers at start, routes resolved commands, keeps the latest state
/// of each container for listing, and restarts a container actor that threw — the new incarnation
/// rebuilds its state by replay. A container actor that stopped without being removed (a journal
/// failure) is spawned again after a pause.
/// </summary>
public sealed class ContainersActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RespawnDelay = TimeSpan.FromSeconds(1);
    private readonly ContainerServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, ContainerState> _latest = new();
    private readonly Dictionary<string, string> _names = new();
    private readonly HashSet<string> _gone = new();
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _volumes = ActorRefs.Nobody;

    public ContainersActor(ContainerServices services)
    {
        _services = services;
        Receive<RegistryReady>(m => _registry = m.Registry);
        Receive<VolumesReady>(m => _volumes = m.Volumes);
        // A container asking about another (the one whose namespaces it joins) goes through the registry.
        Receive<ContainerRequest>(m => _registry.Forward(m));
        Receive<SpawnKnown>(m => { foreach (var known in m.Containers) Spawn(known.Id, known.Name, expectCreate: false); });
        Receive<CreateReserved>(m => Spawn(m.Id, m.Name, expectCreate: true).Forward(m));
        Receive<ToContainer>(OnToContainer);
        Receive<ContainerStateChanged>(m =>
        {
            _latest[m.State.Id] = m.State;
            _names[m.State.Id] = m.State.Name;
        });
        Receive<ContainerGone>(m =>
        {
            _gone.Add(m.Id);
            Sender.Tell(PoisonPill.Instance);
            if (_latest.Remove(m.Id, out var last)) _volumes.Tell(new Volumes.ContainerVolumesReleased(last));
            _registry.Tell(new ReleaseName(m.Id, m.ReplyTo, m.Reply));
        });
        Receive<ListContainers>(m => Sender.Tell(new ContainerList(_latest.Values
            .Where(s => m.All || s.IsRunning || s.Status == ContainerStatus.Restarting)
            .OrderByDescending(s => s.CreatedAt)
            .ToList())));
        Receive<Terminated>(OnTerminated);
        Receive<Respawn>(m => { if (!_gone.Contains(m.Id)) Spawn(m.Id, m.Name, expectCreate: false); });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ContainerServices services) => Akka.Actor.Props.Create(() => new ContainersActor(services));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1),
        localOnlyDecider: error =>
        {
            _log.Error(error, "a container actor failed; restarting it from its journal");
            return Directive.Restart;
        });

    private IActorRef Spawn(string id, string name, bool expectCreate)
    {
        _gone.Remove(id);
        _names[id] = name;
        var child = Context.Child(id);
        if (!child.IsNobody()) return child;
        child = Context.ActorOf(ContainerActor.Props(id, name, expectCreate, _services), id);
        Context.Watch(child);
        return child;
    }

    private void OnToContainer(ToContainer message)
    {
        var child = Context.Child(message.Id);
        if (child.IsNobody() || _gone.Contains(message.Id))
            Sender.Tell(new Rejected(ErrorKind.NotFound, $"No such container: {message.Ref}"));
        else child.Forward(message.Command);
    }

    private void OnTerminated(Terminated terminated)
    {
        var id = terminated.ActorRef.Path.Name;
        if (_gone.Contains(id)) { _names.Remove(id); return; }
        _log.Warning("container actor {0} stopped unexpectedly; spawning it again in {1}", id, RespawnDelay);
        Timers.StartSingleTimer("respawn-" + id, new Respawn(id, _names.GetValueOrDefault(id, "")), RespawnDelay);
    }

    /// <summary>The registry, once it exists (it needs this actor's ref first).</summary>
    public sealed record RegistryReady(IActorRef Registry);

    /// <summary>The volumes actor, told of each container that is gone (its anonymous volumes may go too).</summary>
    public sealed record VolumesReady(IActorRef Volumes);

    private sealed record Respawn(string Id, string Name);
}
