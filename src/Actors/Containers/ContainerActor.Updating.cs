using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Actors.Containers;

// docker update: check the merged config, apply new limits to a running task, then journal the fact.
public sealed partial class ContainerActor
{
    private void Update(UpdateContainer update, IActorRef replyTo)
    {
        var next = update.ApplyTo(_state.HostConfig);
        if (next.AutoRemove && update.RestartPolicy is { IsNone: false })
        {
            replyTo.Tell(new Rejected(ErrorKind.InvalidParameter, "Restart policy cannot be updated because AutoRemove is enabled for the container"));
            return;
        }
        if (ResourceRules.Check(next, Environment.ProcessorCount) is { } error)
        {
            replyTo.Tell(new Rejected(ErrorKind.InvalidParameter, error));
            return;
        }
        if (_state.IsRunning && update.ChangesResources)
            TaskChild.Tell(new UpdateTask(TaskOptionsMapping.Resources(next), next, replyTo));
        else PersistUpdated(next, replyTo);
    }

    private void PersistUpdated(HostConfig next, IActorRef replyTo) =>
        PersistFact(new Updated(next, Now), () => replyTo.Tell(new Done(_id)));
}
