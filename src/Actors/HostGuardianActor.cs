using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Events;
using Berth.Actors.Images;
using Berth.Actors.Registry;
using Berth.Actors.Volumes;

namespace Berth.Actors;

/// <summary>
/// The root of berth's actor tree (<c>/user/berth</c>): creates the containers supervisor and the
/// registry and answers <see cref="GetHost"/> with their refs, the entry points of the API.
/// </summary>
public sealed class HostGuardianActor : ReceiveActor
{
    public HostGuardianActor(ContainerServices services)
    {
        // The event feed listens before any container exists (subscribed here, not in its PreStart,
        // which may run after the first container journals a fact).
        var events = Context.ActorOf(EventFeedActor.Props(services.Clock), "events");
        Context.System.EventStream.Subscribe(events, typeof(FactPublished));
        var containers = Context.ActorOf(ContainersActor.Props(services), "containers");
        var registry = Context.ActorOf(RegistryActor.Props(containers, services.Clock, services.SnapshotEvery), "registry");
        containers.Tell(new ContainersActor.RegistryReady(registry));
        var images = services.Images is { } store
            ? Context.ActorOf(ImagesActor.Props(store, registry, Context.ActorOf(ImageHistoryActor.Props(), "image-history"), services.Clock), "images")
            : ActorRefs.Nobody;
        var volumes = services.Volumes is { } volumeStore ? Context.ActorOf(VolumesActor.Props(volumeStore, containers), "volumes") : ActorRefs.Nobody;
        containers.Tell(new ContainersActor.VolumesReady(volumes));
        var networks = services.Networks is { } definitions
            ? Context.ActorOf(Networks.NetworksActor.Props(definitions, registry, services.Clock), "networks")
            : ActorRefs.Nobody;
        Receive<GetHost>(_ => Sender.Tell(new HostRefs(registry, containers, images, events) { Volumes = volumes, Networks = networks }));
    }

    public static Props Props(ContainerServices services) => Akka.Actor.Props.Create(() => new HostGuardianActor(services));

    /// <summary>Asks for <see cref="HostRefs"/>.</summary>
    public sealed record GetHost;
}

/// <summary>The actors the API talks to: the registry takes container commands, the containers actor lists,
/// the images actor handles images and the image half of a create (Nobody when no image store is configured),
/// the event feed opens event streams.</summary>
public sealed record HostRefs(IActorRef Registry, IActorRef Containers, IActorRef Images, IActorRef Events)
{
    /// <summary>The volumes actor (Nobody when no volume store is configured).</summary>
    public IActorRef Volumes { get; init; } = ActorRefs.Nobody;

    /// <summary>The Networks actor (Nobody when no network boundary is configured).</summary>
    public IActorRef Networks { get; init; } = ActorRefs.Nobody;
}
