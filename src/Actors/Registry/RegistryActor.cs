using Akka.Actor;
using Akka.Persistence;
using Berth.Actors.Containers;
using Berth.Journal.Events;

namespace Berth.Actors.Registry;

/// <summary>
/// The name registry (PersistenceId <c>registry</c>): allocates ids and unique names, resolves a
/// reference to an id, and routes every container command to the containers actor. At start it
/// hands the containers actor the list of live reservations to spawn.
/// </summary>
public sealed class RegistryActor : ReceivePersistentActor
{
    private readonly IActorRef _containers;
    private readonly TimeProvider _clock;
    private readonly int _snapshotEvery;
    private readonly ContainerIdGenerator _ids = new();
    private readonly NameGenerator _names = new(Random.Shared);
    private RegistryState _state = RegistryState.Empty;

    public RegistryActor(IActorRef containers, TimeProvider clock, int snapshotEvery)
    {
        _containers = containers;
        _clock = clock;
        _snapshotEvery = snapshotEvery;
        Recover<SnapshotOffer>(offer => _state = (RegistryState)offer.Snapshot);
        Recover<IRegistryEvent>(evt => _state = _state.Apply(evt));
        Recover<RecoveryCompleted>(_ => _containers.Tell(new SpawnKnown(
            _state.NameById.Select(kv => new KnownContainer(kv.Key, kv.Value)).ToList())));

        Command<CreateContainer>(OnCreate);
        Command<ContainerRequest>(OnRequest);
        Command<ResolveContainer>(m => Sender.Tell(Resolve(m.Ref) switch
        {
            Resolved r => r,
            var refusal => refusal,
        }));
        Command<ReleaseName>(m =>
        {
            if (_state.NameById.TryGetValue(m.Id, out var name))
                PersistFact(new NameReleased(m.Id, name, Now), () => m.ReplyTo?.Tell(m.Reply));
            else m.ReplyTo?.Tell(m.Reply);
        });
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
    }

    public override string PersistenceId => "registry";

    public static Props Props(IActorRef containers, TimeProvider clock, int snapshotEvery) =>
        Akka.Actor.Props.Create(() => new RegistryActor(containers, clock, snapshotEvery));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private void OnCreate(CreateContainer create)
    {
        if (CreateRules.Check(create) is { } refusal) { Sender.Tell(refusal); return; }
        string name;
        if (create.Name is { Length: > 0 } requested)
        {
            if (!ContainerNameRules.IsValid(requested))
            {
                Sender.Tell(new Rejected(ErrorKind.InvalidParameter, ContainerNameRules.InvalidMessage(requested)));
                return;
            }
            name = ContainerNameRules.Normalize(requested);
            if (NameConflict(name) is { } conflict) { Sender.Tell(conflict); return; }
        }
        else name = FreeRandomName();

        var id = NewUniqueId();
        var replyTo = Sender;
        PersistFact(new NameReserved(id, name, Now), () => _containers.Tell(new CreateReserved(id, name, create), replyTo));
    }

    private void OnRequest(ContainerRequest request)
    {
        if (Resolve(request.Ref) is not Resolved target) { Sender.Tell(Resolve(request.Ref)); return; }
        if (request.Command is not RenameContainer rename)
        {
            _containers.Forward(new ToContainer(target.Id, request.Ref, request.Command));
            return;
        }
        if (RenameRefusal(target, rename.NewName) is { } refusal) { Sender.Tell(refusal); return; }
        var newName = ContainerNameRules.Normalize(rename.NewName);
        var replyTo = Sender;
        PersistFact(new NameChanged(target.Id, target.Name, newName, Now),
            () => _containers.Tell(new ToContainer(target.Id, request.Ref, new RenameContainer(newName)), replyTo));
    }

    private Rejected? RenameRefusal(Resolved target, string requested)
    {
        if (string.IsNullOrEmpty(requested)) return new Rejected(ErrorKind.InvalidParameter, "Neither old nor new names may be empty");
        if (!ContainerNameRules.IsValid(requested)) return new Rejected(ErrorKind.InvalidParameter, ContainerNameRules.InvalidMessage(requested));
        var name = ContainerNameRules.Normalize(requested);
        if (name == target.Name) return new Rejected(ErrorKind.InvalidParameter, "Renaming a container with the same name as its current name");
        return NameConflict(name);
    }

    private object Resolve(string reference) => _state.Find(reference) switch
    {
        RegistryState.Lookup.Found found => new Resolved(found.Id, _state.NameById[found.Id]),
        RegistryState.Lookup.Ambiguous => new Rejected(ErrorKind.InvalidParameter, $"multiple IDs found with provided prefix: {reference}"),
        _ => new Rejected(ErrorKind.NotFound, $"No such container: {reference}"),
    };

    private Rejected? NameConflict(string name) =>
        _state.IdByName.TryGetValue(name, out var holder)
            ? new Rejected(ErrorKind.Conflict,
                $"Conflict. The container name \"/{name}\" is already in use by container \"{holder}\". " +
                "You have to remove (or rename) that container to be able to reuse that name.")
            : null;

    private string FreeRandomName()
    {
        for (var retry = 0; ; retry++)
        {
            var name = _names.Generate(retry);
            if (!_state.IdByName.ContainsKey(name)) return name;
        }
    }

    private string NewUniqueId()
    {
        while (true)
        {
            var id = _ids.NewId();
            // A new id must not be a prefix-collision with a name either (Docker checks both).
            if (!_state.NameById.ContainsKey(id) && !_state.IdByName.ContainsKey(id)) return id;
        }
    }

    private void PersistFact(IRegistryEvent fact, Action? then = null) => Persist(fact, evt =>
    {
        _state = _state.Apply(evt);
        if (_snapshotEvery > 0 && LastSequenceNr % _snapshotEvery == 0) SaveSnapshot(_state);
        then?.Invoke();
    });
}
