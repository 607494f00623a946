using Akka.Actor;
using Berth.Native.Network;

namespace Berth.Actors.Containers.Children;

/// <summary>Owns a container's network sandbox (child <c>sandbox</c>): allocation, idempotent release,
/// and joining or leaving one network while the container runs.</summary>
public sealed class SandboxActor : NativeStepActor
{
    public SandboxActor(string containerId, INetworkSandboxes sandboxes)
    {
        Receive<AllocateNetwork>(m => Run("allocate network",
            async t => new NetworkReady(await sandboxes.AllocateAsync(m.Request, t).ConfigureAwait(false))));
        Receive<ReleaseNetwork>(_ => Run("release network", t => sandboxes.ReleaseAsync(containerId, t), new NetworkReleaseDone()));
        Receive<ConnectSandbox>(m => Run("connect network",
            async t => new SandboxConnected(await sandboxes.ConnectAsync(containerId, m.Network, t).ConfigureAwait(false))));
        Receive<DisconnectSandbox>(m => Run("disconnect network",
            t => sandboxes.DisconnectAsync(containerId, m.Network, t), new SandboxDisconnected(m.Network)));
    }

    public static Props Props(string containerId, INetworkSandboxes sandboxes) =>
        Akka.Actor.Props.Create(() => new SandboxActor(containerId, sandboxes));
}
