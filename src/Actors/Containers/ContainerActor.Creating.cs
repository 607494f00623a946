using Akka.Event;
using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;

namespace Berth.Actors.Containers;

// Creation: the registry has journaled the id and name; the RW layer is made, then Created is the
// container's first fact. A failure leaves nothing behind and frees the name.
public sealed partial class ContainerActor
{
    private void AwaitingCreate()
    {
        Command<CreateReserved>(m =>
        {
            var replyTo = Sender;
            Become(() => Creating(m, replyTo));
            RwLayerChild.Tell(new CreateRwLayer(m.Create.ImageId));
        });
        Command<IContainerCommand>(_ => Stash.Stash());
    }

    private void Creating(CreateReserved reserved, IActorRef replyTo)
    {
        BusyCommon();
        Command<RwLayerReady>(_ =>
        {
            var create = reserved.Create;
            PersistFact(
                new Created(_id, reserved.Name, create.ImageId, create.ImageRef, create.Config, create.HostConfig, Now),
                () =>
                {
                    replyTo.Tell(new ContainerCreated(_id, reserved.Name, create.Config.Volumes));
                    BecomeReady();
                });
        });
        // The refusal goes out only once the registry freed the name, so a retry with it succeeds.
        Command<StepFailed>(failure => Vanish(replyTo, new Rejected(ErrorKind.Internal, $"{failure.Step}: {failure.Error}")));
    }

    /// <summary>The container never came to exist (failed create, or a reservation orphaned by a crash):
    /// release its layers, then tell the parent so the registry frees the id and name.</summary>
    private void Vanish(IActorRef? replyTo = null, object? reply = null)
    {
        Become(() =>
        {
            Command<RwLayerRemoved>(_ => Gone(replyTo, reply));
            Command<StepFailed>(failure =>
            {
                _log.Warning("container {0}: {1} failed: {2}", _id, failure.Step, failure.Error);
                Gone(replyTo, reply);
            });
            Command<IContainerCommand>(_ => Sender.Tell(new Rejected(ErrorKind.NotFound, $"No such container: {_id}")));
        });
        RwLayerChild.Tell(new RemoveRwLayer());
    }

    /// <summary>
    /// The container no longer exists. Every command from now on — kept ones, and ones already on
    /// their way — is answered NotFound; the parent stops this actor (a PoisonPill queues behind
    /// whatever it already forwarded) once the registry freed the name.
    /// </summary>
    private void Gone(IActorRef? replyTo = null, object? reply = null)
    {
        Become(() => Command<IContainerCommand>(_ => Sender.Tell(new Rejected(ErrorKind.NotFound, $"No such container: {_id}"))));
        Stash.UnstashAll();
        Context.Parent.Tell(new ContainerGone(_id, replyTo, reply));
    }
}
