using Akka.Actor;
using Akka.Event;
using Berth.Actors.Containers.Children;
using Berth.Actors.Lifecycle;

namespace Berth.Actors.Containers;

// Loans of the root file system for docker cp and export. A stopped container's rootfs is mounted
// for the loan only: no fact is journaled (Docker keeps none either); a mount left by a crash mid-loan
// is the one start reuses (mounting is idempotent) and remove or the next loan's return unmounts.
public sealed partial class ContainerActor
{
    private int _rootfsLoans;

    private void RootfsAccessHandlers()
    {
        Command<AcquireRootfs>(_ => LendRootfs(Sender));
        Command<ReleaseRootfs>(_ => ReturnRootfs(Sender));
    }

    private void LendRootfs(IActorRef replyTo)
    {
        if (CommandRules.Check(new AcquireRootfs(), _state) is { } refusal)
        {
            replyTo.Tell(refusal);
            return;
        }
        if (_state.HoldsRootfs && _state.RootfsPath is { } mounted)
        {
            replyTo.Tell(new RootfsAccess(_id, mounted, Leased: false));
            return;
        }
        RwLayerChild.Tell(new MountRootfs());
        Become(() => WaitingForRootfs(replyTo, mounting: true));
    }

    private void ReturnRootfs(IActorRef replyTo)
    {
        _rootfsLoans = Math.Max(0, _rootfsLoans - 1);
        if (_rootfsLoans > 0 || _state.HoldsRootfs)
        {
            replyTo.Tell(new Done(_id));
            return;
        }
        RwLayerChild.Tell(new UnmountRootfs());
        Become(() => WaitingForRootfs(replyTo, mounting: false));
    }

    private static bool IsRootfsStep(StepFailed f) => f.Step is "mount rootfs" or "unmount rootfs";

    /// <summary>The rwlayer child is mounting or unmounting for a loan: everything else waits.</summary>
    private void WaitingForRootfs(IActorRef replyTo, bool mounting)
    {
        Command<RootfsReady>(m =>
        {
            _rootfsLoans++;
            replyTo.Tell(new RootfsAccess(_id, m.MountPath, Leased: true));
            BecomeReady();
        });
        Command<RootfsUnmountDone>(_ =>
        {
            replyTo.Tell(new Done(_id));
            BecomeReady();
        });
        Command<StepFailed>(IsRootfsStep, f =>
        {
            _log.Warning("container {0}: {1} for a file access failed: {2}", _id, f.Step, f.Error);
            replyTo.Tell(mounting ? new Rejected(ErrorKind.Internal, $"{f.Step}: {f.Error}") : new Done(_id));
            BecomeReady();
        });
        BusyCommon();
    }
}
