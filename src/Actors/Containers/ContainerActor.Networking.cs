using Akka.Actor;
using Berth.Actors.Containers.Children;
using Berth.Journal.Events;
using Berth.Native.Network;

namespace Berth.Actors.Containers;

// network connect / disconnect: a running container's sandbox gains or loses an interface first
// (the sandbox record is the intent), the fact is journaled after; a stopped container only
// changes the networks its next start joins.
public sealed partial class ContainerActor
{
    private void Connect(ConnectContainer connect, IActorRef replyTo)
    {
        var settings = connect.Settings;
        if (!HoldsLiveSandbox()) { PersistFact(new NetworkConnected(settings, null, Now), () => replyTo.Tell(new Done(_id))); return; }
        Become(() =>
        {
            BusyCommon();
            Command<SandboxConnected>(m => PersistFact(new NetworkConnected(settings, SandboxRequests.ToJournal(m.Endpoint), Now), () =>
            {
                replyTo.Tell(new Done(_id));
                BecomeReady();
            }));
            Command<StepFailed>(f => f.Step == "connect network", f =>
            {
                replyTo.Tell(new Rejected(f.Kind ?? ErrorKind.Internal, f.Error));
                BecomeReady();
            });
        });
        SandboxChild.Tell(new ConnectSandbox(new SandboxNetworkRequest(settings.Network, settings.IPv4Address, settings.Aliases)));
    }

    private void Disconnect(DisconnectContainer disconnect, IActorRef replyTo)
    {
        var fact = new NetworkDisconnected(disconnect.Network, Now);
        if (!HoldsLiveSandbox()) { PersistFact(fact, () => replyTo.Tell(new Done(_id))); return; }
        Become(() =>
        {
            BusyCommon();
            Command<SandboxDisconnected>(_ => PersistFact(fact with { At = Now }, () =>
            {
                replyTo.Tell(new Done(_id));
                BecomeReady();
            }));
            Command<StepFailed>(f => f.Step == "disconnect network", f =>
            {
                replyTo.Tell(new Rejected(f.Kind ?? ErrorKind.Internal, f.Error));
                BecomeReady();
            });
        });
        SandboxChild.Tell(new DisconnectSandbox(disconnect.Network));
    }

    /// <summary>A run holds a sandbox of its own right now (not between runs, not in host mode).</summary>
    private bool HoldsLiveSandbox() =>
        _state.IsRunning && _state.HoldsNetwork && _state.Network is { SandboxKey.Length: > 0 };
}
