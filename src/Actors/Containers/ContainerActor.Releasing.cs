using Akka.Event;
using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;

namespace Berth.Actors.Containers;

// Releasing what a run held, in reverse order of acquisition: task, rootfs, network. Each release
// is idempotent and journaled after it happened; a release that fails leaves its resource marked
// held, so the next release (or recovery) tries again.
public sealed partial class ContainerActor
{
    private void ReleaseAll(Action then)
    {
        _releasing = true;
        var failedSteps = new HashSet<string>();
        Become(() =>
        {
            BusyCommon();
            Command<TaskDeleteDone>(_ => PersistFact(new TaskDeleted(Now), () => ReleaseNext(failedSteps, then)));
            Command<RootfsUnmountDone>(_ => PersistFact(new RootfsUnmounted(Now), () => ReleaseNext(failedSteps, then)));
            Command<NetworkReleaseDone>(_ => PersistFact(new NetworkReleased(Now), () => ReleaseNext(failedSteps, then)));
            Command<StepFailed>(failure =>
            {
                _log.Warning("container {0}: {1} failed: {2}", _id, failure.Step, failure.Error);
                failedSteps.Add(failure.Step);
                ReleaseNext(failedSteps, then);
            });
            // A watch that ends now (the task was deleted under it) is not news: the exit is already journaled.
            Command<TaskExitObserved>(_ => { });
        });
        ReleaseNext(failedSteps, then);
    }

    private void ReleaseNext(HashSet<string> failedSteps, Action then)
    {
        if (_state.HoldsTask && !failedSteps.Contains("delete task")) TaskChild.Tell(new DeleteTask());
        else if (_state.HoldsRootfs && !failedSteps.Contains("unmount rootfs")) RwLayerChild.Tell(new UnmountRootfs());
        else if (_state.HoldsNetwork && !failedSteps.Contains("release network")) SandboxChild.Tell(new ReleaseNetwork());
        else
        {
            _releasing = false;
            then();
        }
    }
}
