using Akka.Actor;
using Berth.Native.Storage;

namespace Berth.Actors.Containers.Children;

/// <summary>Owns a container's init + read-write layers and its rootfs mount (child <c>rwlayer</c>).</summary>
public sealed class RwLayerActor : NativeStepActor
{
    public RwLayerActor(string containerId, IRwLayers layers)
    {
        Receive<CreateRwLayer>(m => Run("create rw layer", t => layers.CreateAsync(containerId, m.ImageId, t), new RwLayerReady()));
        Receive<MountRootfs>(_ => Run("mount rootfs",
            async t => new RootfsReady(await layers.MountAsync(containerId, t).ConfigureAwait(false))));
        Receive<UnmountRootfs>(_ => Run("unmount rootfs", t => layers.UnmountAsync(containerId, t), new RootfsUnmountDone()));
        Receive<RemoveRwLayer>(_ => Run("remove rw layer", t => layers.RemoveAsync(containerId, t), new RwLayerRemoved()));
    }

    public static Props Props(string containerId, IRwLayers layers) =>
        Akka.Actor.Props.Create(() => new RwLayerActor(containerId, layers));
}
