using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Actors.Lifecycle;
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
    /// <summary>The init pids of the containers whose namespaces the starting run joins, by the ref its config names.</summary>
    private Dictionary<string, int> _peerPids = new();

    /// <summary>
    /// Before a start that joins other containers' namespaces (<c>--pid/--ipc container:&lt;ref&gt;</c>),
    /// asks the registry for each of them; refuses like docker when one is unknown (400) or not running (409).
    /// </summary>
    private void BeginStartWithPeers(IActorRef? replyTo, bool byRestartPolicy, bool userRestart = false)
    {
        var peers = TaskOptionsMapping.Peers(_state.HostConfig);
        if (peers.Count == 0) { BeginStart(replyTo, byRestartPolicy, userRestart); return; }
        var pids = new Dictionary<string, int>();
        var pending = new Queue<string>(peers);
        Become(() =>
        {
            BusyCommon();
            Command<ContainerDetails>(m => OnPeer(m.State));
            Command<Rejected>(r => Refuse(r.Kind == ErrorKind.NotFound ? new Rejected(ErrorKind.InvalidParameter, r.Message) : r));
        });
        Context.Parent.Tell(new ContainerRequest(pending.Peek(), new InspectContainer()));

        void OnPeer(ContainerState peer)
        {
            var reference = pending.Dequeue();
            if (peer.Status != ContainerStatus.Running || peer.Task is null) { Refuse(new Rejected(ErrorKind.Conflict, $"container {peer.Id} is not running")); return; }
            pids[reference] = peer.Task.Pid;
            if (pending.Count > 0) { Context.Parent.Tell(new ContainerRequest(pending.Peek(), new InspectContainer())); return; }
            _peerPids = pids;
            BeginStart(replyTo, byRestartPolicy, userRestart);
        }

        void Refuse(Rejected refusal)
        {
            // A restart the policy made has no one to tell: it fails like any start, so the policy decides again.
            if (byRestartPolicy) { PersistFact(new StartRequested(true, Now), () => FailStart(refusal.Message, replyTo)); return; }
            replyTo?.Tell(refusal);
            BecomeReady();
        }
    }

    private void BeginStart(IActorRef? replyTo, bool byRestartPolicy, bool userRestart = false)
    {
        TaskSpec? spec = null;
        Become(() =>
        {
            BusyCommon();
            Command<NetworkReady>(m => PersistFact(NetworkFact(m.Sandbox), () => RwLayerChild.Tell(new MountRootfs())));
            Command<RootfsReady>(m => PersistFact(new RootfsMounted(m.MountPath, Now), () =>
            {
                spec = TaskSpecFactory.Build(_state, m.MountPath, _services.DefaultRuntime,
                    new SpecInputs(_services.Volumes is { } volumes ? volumes.DataPath : null, _peerPids));
                TaskChild.Tell(new WriteBundle(spec));
            }));
            Command<BundleReady>(m => PersistFact(new SpecBuilt(m.Bundle.BundlePath, m.Bundle.SpecDigest, Now),
                () => TaskChild.Tell(new StartTask(m.Bundle, spec!, TakeAttachers()))));
            Command<TaskRunning>(m => PersistFact(
                new TaskStarted(m.Handle.Pid, m.Handle.PidStartTime, m.Handle.MonitorPid, Now), () =>
                {
                    TaskChild.Tell(new WatchTask(m.Handle));
                    replyTo?.Tell(new Done(_id));
                    BecomeReady();
                }));
            Command<StepFailed>(failure => FailStart($"{failure.Step}: {failure.Error}", replyTo, failure.Kind));
        });
        PersistFact(new StartRequested(byRestartPolicy, Now, userRestart), () =>
            SandboxChild.Tell(new AllocateNetwork(SandboxRequests.From(_state))));
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
