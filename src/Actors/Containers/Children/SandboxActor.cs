using Akka.Actor;
using Berth.Native.Network;

namespace Berth.Actors.Containers.Children;

/// <summary>Owns a container's network sandbox (child <c>sandbox</c>): allocation and idempotent release.</summary>
public sealed class SandboxActor : NativeStepActor
{
    public SandboxActor(string containerId, INetworkSandboxes sandboxes)
    {
        Receive<AllocateNetwork>(m => Run("allocate network",
            async t => new NetworkReady(await sandboxes.AllocateAsync(m.Request, t).ConfigureAwait(false))));
        Receive<ReleaseNetwork>(_ => Run("release network", t => sandboxes.ReleaseAsync(containerId, t), new NetworkReleaseDone()));
    }

    public static Props Props(string containerId, INetworkSandboxes sandboxes) =>
        Akka.Actor.Props.Create(() => new SandboxActor(containerId, sandboxes));
}
