using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Berth.Actors.Containers;
using Berth.Journal.Events;
using Berth.Native.Network;

namespace Berth.Actors.Networks;

/// <summary>
/// The networks of the host (PersistenceId <c>networks</c>, events tagged <c>network</c>): the
/// predefined bridge/host/none and the user-defined bridge networks with their subnets. It refuses
/// what Docker refuses (name clash 409, overlapping pool 403, removal with active endpoints 403)
/// and publishes each network's CNI conflist, where sandboxes find it. Attachments are not kept
/// here: the sandbox records are their truth, read when a decision needs them.
/// </summary>
public sealed partial class NetworksActor : ReceivePersistentActor, IWithUnboundedStash
{
    private readonly INetworkDefinitions _definitions;
    private readonly IActorRef _registry;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private NetworksState _state = NetworksState.Empty;

    public NetworksActor(INetworkDefinitions definitions, IActorRef registry, TimeProvider clock)
    {
        _definitions = definitions;
        _registry = registry;
        _clock = clock;
        Recover<INetworkEvent>(evt => _state = _state.Apply(evt));
        Recover<RecoveryCompleted>(_ => Republish());
        Ready();
    }

    public override string PersistenceId => "networks";

    public static Props Props(INetworkDefinitions definitions, IActorRef registry, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new NetworksActor(definitions, registry, clock));

    private NetworkCatalog Catalog => new(_definitions.DefaultNetwork, _state);

    private void Ready()
    {
        Command<CreateNetwork>(OnCreate);
        Command<RemoveNetwork>(m => OnRemove(m.Ref, Sender));
        Command<PruneNetworks>(m => OnPrune(m.Only, Sender));
        Command<ListNetworks>(_ => Reply(Sender, views => new NetworkList(views)));
        Command<InspectNetwork>(m =>
        {
            if (Catalog.Find(m.Ref) is not { } found) { Sender.Tell(NotFound(m.Ref)); return; }
            Reply(Sender, views => views.First(v => v.Id == found.Id));
        });
        Command<ConnectToNetwork>(OnConnect);
        Command<DisconnectFromNetwork>(OnDisconnect);
    }

    private void Republish()
    {
        try
        {
            _definitions.PublishAll([.. _state.ById.Values.Select(NetworkCatalog.ToBridge)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NetworkException)
        {
            _log.Error(e, "networks: could not publish the network configurations");
        }
    }

    private void OnConnect(ConnectToNetwork m)
    {
        if (Catalog.Find(m.NetworkRef) is not { } found) { Sender.Tell(NotFound(m.NetworkRef)); return; }
        if (found.Name is "host" or "none")
        {
            Sender.Tell(new Rejected(ErrorKind.Forbidden, $"container cannot be disconnected from host network or connected to {found.Name} network"));
            return;
        }
        _registry.Forward(new ContainerRequest(m.ContainerRef, new ConnectContainer(found.Name, m.Settings with { Network = found.Name })));
    }

    private void OnDisconnect(DisconnectFromNetwork m)
    {
        if (Catalog.Find(m.NetworkRef) is not { } found) { Sender.Tell(NotFound(m.NetworkRef)); return; }
        if (found.Name is "host" or "none")
        {
            Sender.Tell(new Rejected(ErrorKind.Forbidden, $"container cannot be disconnected from {found.Name} network"));
            return;
        }
        _registry.Forward(new ContainerRequest(m.ContainerRef, new DisconnectContainer(found.Name, m.Force)));
    }

    /// <summary>Builds every view (attachments read off the mailbox) and answers with <paramref name="select"/>'s pick.</summary>
    private void Reply(IActorRef replyTo, Func<IReadOnlyList<NetworkView>, object> select)
    {
        var state = _state;
        var definitions = _definitions;
        Task.Run(() => select(NetworkViews.All(definitions.DefaultNetwork, state, definitions.Attachments())))
            .PipeTo(replyTo, failure: e => new Rejected(ErrorKind.Internal, e.Message));
    }

    private static Rejected NotFound(string reference) => new(ErrorKind.NotFound, $"network {reference} not found");

    private void PersistFact(INetworkEvent fact, Action then) => Persist(fact, evt =>
    {
        _state = _state.Apply(evt);
        then();
    });
}
