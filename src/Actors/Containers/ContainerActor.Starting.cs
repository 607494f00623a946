using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Native.Network;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

// The start sequence of the seeds, each step a journaled fact:
// StartRequested (intent) → NetworkAllocated → RootfsMounted → SpecBuilt → TaskStarted.
// A failure at any step journals StartFailed and releases what the earlier steps acquired.
public sealed partial class ContainerActor
{
    private void BeginStart(IActorRef? replyTo, bool byRestartPolicy)
    {
        TaskSpec? spec = null;
        Become(() =>
        {
            BusyCommon();
            Command<NetworkReady>(m => PersistFact(NetworkFact(m.Sandbox), () => _rwlayer.Tell(new MountRootfs())));
            Command<RootfsReady>(m => PersistFact(new RootfsMounted(m.MountPath, Now), () =>
            {
                spec = TaskSpecFactory.Build(_state, m.MountPath, _services.DefaultRuntime);
                _task.Tell(new WriteBundle(spec));
            }));
            Command<BundleReady>(m => PersistFact(new SpecBuilt(m.Bundle.BundlePath, m.Bundle.SpecDigest, Now),
                () => _task.Tell(new StartTask(m.Bundle, spec!))));
            Command<TaskRunning>(m => PersistFact(
                new TaskStarted(m.Handle.Pid, m.Handle.PidStartTime, m.Handle.MonitorPid, Now), () =>
                {
                    _task.Tell(new WatchTask(m.Handle));
                    replyTo?.Tell(new Done(_id));
                    BecomeReady();
                }));
            Command<StepFailed>(failure => FailStart($"{failure.Step}: {failure.Error}", replyTo, failure.Kind));
        });
        PersistFact(new StartRequested(byRestartPolicy, Now), () =>
            _sandbox.Tell(new AllocateNetwork(SandboxRequests.From(_state))));
    }

    private void FailStart(string error, IActorRef? replyTo, ErrorKind? kind = null)
    {
        PersistFact(new StartFailed(error, 128, Now), () => ReleaseAll(() =>
        {
            replyTo?.Tell(new Rejected(kind ?? ErrorKind.Internal, error));
            AnswerWaiters(w => w is WaitCondition.NotRunning or WaitCondition.NextExit);
            if (_state.HostConfig.AutoRemove) BeginRemoval(null, removeVolumes: true);
            else BecomeReady();
        }));
    }

    private NetworkAllocated NetworkFact(SandboxInfo sandbox) => new(
        sandbox.SandboxKey,
        sandbox.Endpoints.Select(SandboxRequests.ToJournal).ToList(),
        sandbox.Ports.Select(p => new PortMapping(p.ContainerPort, p.Protocol, p.HostIp, p.HostPort)).ToList(),
        sandbox.HostsPath, sandbox.ResolvConfPath, sandbox.HostnamePath, Now);

    private static TaskHandle Handle(TaskStarted started) => new(started.Pid, started.PidStartTime, started.MonitorPid);
}
