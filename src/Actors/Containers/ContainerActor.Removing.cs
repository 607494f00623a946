using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Actors.Lifecycle;
using Berth.Journal.Events;
using Berth.Native;

namespace Berth.Actors.Containers;

// Removal: a running container (force) is killed first; then RemovalStarted (intent), release of
// what the run held, the RW layer deleted, Removed — the container's last fact.
public sealed partial class ContainerActor
{
    private void BeginRemove(RemoveContainer remove, IActorRef replyTo)
    {
        switch (_state.Status)
        {
            case ContainerStatus.Restarting:
                CancelRestart(() => BeginRemoval(replyTo, remove.RemoveVolumes), StopVerb.Remove);
                break;
            case ContainerStatus.Running or ContainerStatus.Paused:
                _afterUserStop = () => BeginRemoval(replyTo, remove.RemoveVolumes);
                PersistFact(new StopRequested(EndsRun: true, Now, Signals.SIGKILL, StopVerb.Remove), () => SignalEndingRun(Signals.SIGKILL));
                break;
            default:
                BeginRemoval(replyTo, remove.RemoveVolumes);
                break;
        }
    }

    private void BeginRemoval(IActorRef? replyTo, bool removeVolumes)
    {
        Become(BusyCommon);
        PersistFact(new RemovalStarted(removeVolumes, Now), () => ReleaseAll(() => RemoveRwLayer(replyTo)));
    }

    /// <summary>The removal's last step, once the run holds nothing: the RW layer goes, then Removed.</summary>
    private void RemoveRwLayer(IActorRef? replyTo)
    {
        Become(() =>
        {
            BusyCommon();
            Command<RwLayerRemoved>(_ => PersistFact(new Removed(Now), () =>
            {
                AnswerWaiters(_ => true);
                Gone(replyTo, new Done(_id));
            }));
            Command<StepFailed>(failure =>
            {
                var error = $"unable to remove container {_state.Name}: {failure.Step}: {failure.Error}";
                PersistFact(new RemovalFailed(error, Now), () =>
                {
                    replyTo?.Tell(new Rejected(ErrorKind.Internal, error));
                    BecomeReady();
                });
            });
        });
        RwLayerChild.Tell(new RemoveRwLayer());
    }
}
