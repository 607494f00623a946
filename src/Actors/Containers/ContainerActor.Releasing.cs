using Akka.Event;
using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;

namespace Berth.Actors.Containers;

// Releasing what a run held: task, rootfs and network are released at once (none needs another
// gone first: the container's processes keep their own mount and network references, and the
// runtime's delete kills any left), each journaled after it happened. Every release is idempotent;
// one that fails leaves its resource marked held, so the next release (or recovery) tries again.
public sealed partial class ContainerActor
{
    private const string DeleteTaskStep = "delete task", UnmountRootfsStep = "unmount rootfs", ReleaseNetworkStep = "release network";

    private void ReleaseAll(Action then)
    {
        _releasing = true;
        var pending = new HashSet<string>();
        Become(() =>
        {
            BusyCommon();
            Command<TaskDeleteDone>(_ => PersistFact(new TaskDeleted(Now), () => Released(DeleteTaskStep)));
            Command<RootfsUnmountDone>(_ => PersistFact(new RootfsUnmounted(Now), () => Released(UnmountRootfsStep)));
            Command<NetworkReleaseDone>(_ => PersistFact(new NetworkReleased(Now), () => Released(ReleaseNetworkStep)));
            Command<StepFailed>(failure =>
            {
                _log.Warning("container {0}: {1} failed: {2}", _id, failure.Step, failure.Error);
                Released(failure.Step);
            });
            // A watch that ends now (the task was deleted under it) is not news: the exit is already journaled.
            Command<TaskExitObserved>(_ => { });
        });
        if (_state.HoldsTask) Release(DeleteTaskStep, TaskChild, new DeleteTask());
        if (_state.HoldsRootfs) Release(UnmountRootfsStep, RwLayerChild, new UnmountRootfs());
        if (_state.HoldsNetwork) Release(ReleaseNetworkStep, SandboxChild, new ReleaseNetwork());
        if (pending.Count == 0) Finish();

        void Release(string step, IActorRef child, object request)
        {
            pending.Add(step);
            child.Tell(request);
        }

        // A failure report of another step (a late signal's, say) is not one of these releases.
        void Released(string step)
        {
            if (pending.Remove(step) && pending.Count == 0) Finish();
        }

        void Finish()
        {
            _releasing = false;
            then();
        }
    }
}
