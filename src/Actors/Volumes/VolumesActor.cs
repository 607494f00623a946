using System.Security.Cryptography;
using Akka.Actor;
using Akka.Event;
using Berth.Actors.Containers;
using Berth.Native.Storage;

namespace Berth.Actors.Volumes;

/// <summary>
/// The local volume driver (<c>/user/berth/volumes</c>): creates, lists, inspects, removes and
/// prunes volumes in the <see cref="IVolumeStore"/>, one request at a time (the mailbox is the lock).
/// Whether a volume is in use is read from the containers actor's list: every existing container,
/// running or not, that names the volume holds it, as docker's reference counting does.
/// </summary>
public sealed class VolumesActor : ReceiveActor
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(30);
    private readonly IVolumeStore _store;
    private readonly IActorRef _containers;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public VolumesActor(IVolumeStore store, IActorRef containers)
    {
        _store = store;
        _containers = containers;
        Receive<CreateVolume>(m => Sender.Tell(Guard(() => Create(m))));
        Receive<EnsureVolumes>(m => Sender.Tell(Guard(() => Ensure(m))));
        Receive<ContainerVolumesReleased>(OnContainerGone);
        // Requests that need to know who uses what: fetch the container list, then answer.
        Receive<GetVolume>(m => WithContainers(m));
        Receive<ListVolumes>(m => WithContainers(m));
        Receive<RemoveVolume>(m => WithContainers(m));
        Receive<PruneVolumes>(m => WithContainers(m));
        Receive<Usage>(m => m.ReplyTo.Tell(Guard(() => Answer(m.Request, m.Containers))));
        Receive<Status.Failure>(f => _log.Warning("volumes: listing containers failed: {0}", f.Cause.Message));
    }

    public static Props Props(IVolumeStore store, IActorRef containers) =>
        Akka.Actor.Props.Create(() => new VolumesActor(store, containers));

    private object Create(CreateVolume m)
    {
        if (m.Driver is { Length: > 0 } driver && driver != "local")
            return new Rejected(ErrorKind.NotFound, $"error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        var name = string.IsNullOrEmpty(m.Name) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : m.Name;
        if (!LocalVolumeStore.IsValidName(name))
            return new Rejected(ErrorKind.InvalidParameter,
                $"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        return VolumeDetails.Of(_store.Create(name, m.Labels, m.Options), []);
    }

    private object Ensure(EnsureVolumes m)
    {
        foreach (var mount in m.Mounts.Where(x => x.Type == "volume"))
            _store.Create(mount.Source, mount.Anonymous ? new Dictionary<string, string> { [VolumeInfo.AnonymousLabel] = "" } : null);
        return new Done(m.ContainerId);
    }

    private void WithContainers(object request)
    {
        var replyTo = Sender;
        _containers.Ask<ContainerList>(new ListContainers(All: true), ListTimeout)
            .PipeTo(Self, success: list => new Usage(request, list.Containers, replyTo),
                failure: e => new Usage(request, null, replyTo));
    }

    private object Answer(object request, IReadOnlyList<ContainerState>? containers)
    {
        if (containers is null) return new Rejected(ErrorKind.Unavailable, "the daemon did not answer in time");
        IReadOnlyList<string> Users(string name) =>
            [.. containers.Where(c => MountPlan.Volumes(c).Any(v => v.Source == name)).Select(c => c.Id)];
        switch (request)
        {
            case GetVolume get:
                return _store.Get(get.Name) is { } volume
                    ? VolumeDetails.Of(volume, Users(volume.Name))
                    : new Rejected(ErrorKind.NotFound, $"get {get.Name}: no such volume");
            case ListVolumes:
                return new VolumeList([.. _store.List().Select(v => VolumeDetails.Of(v, Users(v.Name)))]);
            case RemoveVolume remove:
                if (_store.Get(remove.Name) is null)
                    return remove.Force ? new Done(remove.Name) : new Rejected(ErrorKind.NotFound, $"get {remove.Name}: no such volume");
                if (Users(remove.Name) is { Count: > 0 } users)
                    return new Rejected(ErrorKind.Conflict, $"remove {remove.Name}: volume is in use - [{string.Join(", ", users)}]");
                _store.Remove(remove.Name);
                return new Done(remove.Name);
            case PruneVolumes prune:
                var deleted = new List<string>();
                long reclaimed = 0;
                foreach (var unused in _store.List().Where(v => (prune.All || v.IsAnonymous) && (prune.Only is null || prune.Only.Contains(v.Name)) && Users(v.Name).Count == 0))
                {
                    reclaimed += _store.Remove(unused.Name);
                    deleted.Add(unused.Name);
                }
                return new VolumesPruned(deleted, reclaimed);
            default:
                return new Rejected(ErrorKind.InvalidParameter, $"unknown request {request.GetType().Name}");
        }
    }

    private void OnContainerGone(ContainerVolumesReleased m)
    {
        if (!m.State.RemoveVolumes) return;
        // The container is out of the list by now; another container may still share the volume.
        var anonymous = MountPlan.Volumes(m.State).Where(v => v.Anonymous).Select(v => v.Source).ToList();
        foreach (var name in anonymous) WithContainersThenRemove(name);
    }

    private void WithContainersThenRemove(string name) =>
        _containers.Ask<ContainerList>(new ListContainers(All: true), ListTimeout)
            .PipeTo(Self, success: list => new Usage(new RemoveVolume(name, Force: true), list.Containers, ActorRefs.Nobody),
                failure: _ => new Usage(new RemoveVolume(name, Force: true), null, ActorRefs.Nobody));

    /// <summary>Runs a store operation; a storage failure becomes a refusal instead of a crash.</summary>
    private object Guard(Func<object> operation)
    {
        try
        {
            return operation();
        }
        catch (StorageException e)
        {
            return new Rejected(e.Kind == StorageErrorKind.NotFound ? ErrorKind.NotFound : ErrorKind.Internal, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Rejected(ErrorKind.Internal, e.Message);
        }
    }

    private sealed record Usage(object Request, IReadOnlyList<ContainerState>? Containers, IActorRef ReplyTo);
}
