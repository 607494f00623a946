using Akka.Actor;
using Akka.Event;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Journal.Sqlite;

namespace Berth.Actors.Containers;

/// <summary>
/// The restart-policy supervisor of every container actor (child name = the container id). It
/// spawns the registry's live containers at start, routes resolved commands, keeps the latest state
/// of each container for listing, and restarts a container actor that threw — the new incarnation
/// rebuilds its state by replay. A container actor that stopped without being removed (a journal
/// failure) is spawned again after a pause.
/// At daemon start it reads every container's facts in one scan of the journal and hands each container
/// its folded state (<see cref="RecoverySeed"/>), so that thousands of containers do not each replay
/// their own (<c>berth.recovery.bulk-read = off</c> turns this off); other messages wait meanwhile.
/// </summary>
public sealed class ContainersActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    /// <summary>The setting that turns the bulk read at daemon start on (default) or off.</summary>
    public const string BulkReadSetting = "berth.recovery.bulk-read";

    private static readonly TimeSpan RespawnDelay = TimeSpan.FromSeconds(1);
    private readonly ContainerServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, ContainerState> _latest = new();
    private readonly Dictionary<string, string> _names = new();
    private readonly HashSet<string> _gone = new();
    private readonly bool _bulkRead;
    private Task<IReadOnlyDictionary<string, RecoverySeed>>? _seeds;
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _volumes = ActorRefs.Nobody;

    public ContainersActor(ContainerServices services)
    {
        _services = services;
        _bulkRead = Context.System.Settings.Config.GetBoolean(BulkReadSetting, true);
        if (_bulkRead) _seeds = ReadSeeds();
        Running();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(ContainerServices services) => Akka.Actor.Props.Create(() => new ContainersActor(services));

    private void Running()
    {
        Receive<RegistryReady>(m => _registry = m.Registry);
        Receive<VolumesReady>(m => _volumes = m.Volumes);
        // A container asking about another (the one whose namespaces it joins) goes through the registry.
        Receive<ContainerRequest>(m => _registry.Forward(m));
        Receive<SpawnKnown>(OnSpawnKnown);
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

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1),
        localOnlyDecider: error =>
        {
            _log.Error(error, "a container actor failed; restarting it from its journal");
            return Directive.Restart;
        });

    private IActorRef Spawn(string id, string name, bool expectCreate, RecoverySeed? seed = null)
    {
        _gone.Remove(id);
        _names[id] = name;
        var child = Context.Child(id);
        if (!child.IsNobody()) return child;
        var props = seed is null
            ? ContainerActor.Props(id, name, expectCreate, _services)
            : ContainerActor.Props(id, name, _services, seed);
        child = Context.ActorOf(props, id);
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

    private void OnSpawnKnown(SpawnKnown known)
    {
        var seeds = _seeds;
        _seeds = null;
        if (known.Containers.Count == 0 || !_bulkRead)
        {
            SpawnAll(known, new Dictionary<string, RecoverySeed>());
            return;
        }
        (seeds ?? ReadSeeds()).PipeTo(Self, success: s => new SeedsRead(known, s), failure: error => new SeedsFailed(known, error));
        Become(ReadingJournal);
    }

    /// <summary>
    /// Reads and folds every container's facts off the mailbox thread (SQLite blocks; folding takes CPU). Started
    /// as this actor starts, so it overlaps the registry's recovery; no container fact can be written meanwhile,
    /// since container actors are only made from here, and commands wait until the seeds are in.
    /// </summary>
    private Task<IReadOnlyDictionary<string, RecoverySeed>> ReadSeeds()
    {
        var scan = ContainerJournalScan.For(Context.System);
        return Task.Run(() => RecoverySeeds.Fold(scan.ReadAll()));
    }

    private void ReadingJournal()
    {
        Receive<SeedsRead>(m => EndReading(m.Known, m.Seeds));
        Receive<SeedsFailed>(m =>
        {
            _log.Warning(m.Error, "reading the journal in one pass failed; every container replays its own");
            EndReading(m.Known, new Dictionary<string, RecoverySeed>());
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void EndReading(SpawnKnown known, IReadOnlyDictionary<string, RecoverySeed> seeds)
    {
        SpawnAll(known, seeds);
        Become(Running);
        Stash.UnstashAll();
    }

    private void SpawnAll(SpawnKnown known, IReadOnlyDictionary<string, RecoverySeed> seeds)
    {
        foreach (var container in known.Containers)
            Spawn(container.Id, container.Name, expectCreate: false, seeds.GetValueOrDefault(container.Id));
    }

    /// <summary>The registry, once it exists (it needs this actor's ref first).</summary>
    public sealed record RegistryReady(IActorRef Registry);

    /// <summary>The volumes actor, told of each container that is gone (its anonymous volumes may go too).</summary>
    public sealed record VolumesReady(IActorRef Volumes);

    private sealed record Respawn(string Id, string Name);

    private sealed record SeedsRead(SpawnKnown Known, IReadOnlyDictionary<string, RecoverySeed> Seeds);

    private sealed record SeedsFailed(SpawnKnown Known, Exception Error);
}
