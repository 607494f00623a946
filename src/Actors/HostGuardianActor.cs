using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Images;
using Berth.Actors.Registry;

namespace Berth.Actors;

/// <summary>
/// The root of berth's actor tree (<c>/user/berth</c>): creates the containers supervisor and the
/// registry and answers <see cref="GetHost"/> with their refs, the entry points of the API.
/// </summary>
public sealed class HostGuardianActor : ReceiveActor
{
    public HostGuardianActor(ContainerServices services)
    {
        var containers = Context.ActorOf(ContainersActor.Props(services), "containers");
        var registry = Context.ActorOf(RegistryActor.Props(containers, services.Clock, services.SnapshotEvery), "registry");
        containers.Tell(new ContainersActor.RegistryReady(registry));
        var images = services.Images is { } store ? Context.ActorOf(ImagesActor.Props(store, registry), "images") : ActorRefs.Nobody;
        var networks = services.Networks is { } definitions
            ? Context.ActorOf(Networks.NetworksActor.Props(definitions, registry, services.Clock), "networks")
            : ActorRefs.Nobody;
        Receive<GetHost>(_ => Sender.Tell(new HostRefs(registry, containers, images) { Networks = networks }));
    }

    public static Props Props(ContainerServices services) => Akka.Actor.Props.Create(() => new HostGuardianActor(services));

    /// <summary>Asks for <see cref="HostRefs"/>.</summary>
    public sealed record GetHost;
}

/// <summary>The actors the API talks to: the registry takes container commands, the containers actor lists,
/// the images actor handles images and the image half of a create (Nobody when no image store is configured).</summary>
public sealed record HostRefs(IActorRef Registry, IActorRef Containers, IActorRef Images)
{
    /// <summary>The Networks actor (Nobody when no network boundary is configured).</summary>
    public IActorRef Networks { get; init; } = ActorRefs.Nobody;
}
