using Akka.Actor;
using Berth.Actors.Containers;
using Berth.Actors.Events;
using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Actors.Images;

/// <summary>
/// The image store's actor (<c>/user/berth/images</c>): load, import, tag, list, inspect and remove
/// images, and the image half of a create — resolve the reference to an id, merge the image's run
/// defaults into the user's config, then hand the create to the registry. Store calls run off the
/// mailbox (unpacking layers takes time); the store is thread-safe. Each change is recorded in the
/// image history (the journal behind Docker's image events) before the answer goes out.
/// </summary>
public sealed class ImagesActor : ReceiveActor
{
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(30);
    private readonly IActorRef _history;
    private readonly TimeProvider _clock;

    public ImagesActor(IImageStore store, IActorRef registry, IActorRef history, TimeProvider clock)
    {
        _history = history;
        _clock = clock;
        Receive<LoadImages>(m => Run(async () =>
        {
            var loaded = await store.LoadAsync(m.Archive);
            await Record(loaded.Select(i => new ImageLoaded(i.Id, i.Tags, _clock.GetUtcNow())));
            return new ImagesLoaded(loaded.Select(i => new LoadedImageView(i.Id, i.Tags)).ToList());
        }));
        Receive<ImportImage>(m => Run(async () =>
        {
            var image = await store.ImportAsync(m.RootfsTar, m.Tag);
            await Record([new ImageImported(image.Id, image.Tags.Count > 0 ? image.Tags[0] : null, _clock.GetUtcNow())]);
            return new ImagesLoaded([new LoadedImageView(image.Id, image.Tags)]);
        }));
        Receive<ListImages>(_ => Run(() => Task.FromResult<object>(new ImageList(store.List()
            .Select(i => new ImageRow(i.Id, i.RepoTags, i.Created, i.Size, i.Labels, i.Containers)).ToList()))));
        Receive<InspectImage>(m => Run(() => Task.FromResult<object>(Detail(store.Inspect(m.Reference)))));
        Receive<TagImage>(m => Run(async () =>
        {
            store.Tag(m.Source, m.Target);
            var id = store.Resolve(m.Target);
            await Record([new ImageTagged(id, ImageReference.Parse(m.Target).Key, _clock.GetUtcNow())]);
            return new Done(id);
        }));
        Receive<RemoveImage>(m => Run(async () =>
        {
            var id = store.Resolve(m.Reference);
            var items = await store.RemoveAsync(m.Reference, m.Force);
            await Record(items.Select(i => i.Deleted is { } deleted
                ? (IImageEvent)new ImageDeleted(deleted, _clock.GetUtcNow())
                : new ImageUntagged(id, i.Untagged ?? "", _clock.GetUtcNow())));
            return new ImagesRemoved(items.Select(i => (i.Untagged, i.Deleted)).ToList());
        }));
        Receive<CreateFromImage>(m =>
        {
            var replyTo = Sender;
            Task.Run(() => Prepare(store, m.Create)).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully) registry.Tell(t.Result, replyTo);
                else replyTo.Tell(Refusal(t.Exception));
            }, TaskScheduler.Default);
        });
    }

    /// <param name="history">The image history (<see cref="ImageHistoryActor"/>), or Nobody to record nothing.</param>
    public static Props Props(IImageStore store, IActorRef registry, IActorRef history, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new ImagesActor(store, registry, history, clock));

    private async Task Record(IEnumerable<IImageEvent> facts)
    {
        if (_history.IsNobody()) return;
        await _history.Ask<ImageFactsRecorded>(new RecordImageFacts(facts.ToList()), RecordTimeout);
    }

    private static CreateContainer Prepare(IImageStore store, CreateContainer create)
    {
        var image = store.Inspect(create.ImageRef);
        return create with { ImageId = image.Id, Config = ConfigMerge.Apply(create.Config, image.Config) };
    }

    private void Run(Func<Task<object>> operation)
    {
        var replyTo = Sender;
        Task.Run(operation).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : Refusal(t.Exception),
            TaskScheduler.Default).PipeTo(replyTo);
    }

    private static Rejected Refusal(AggregateException? error) => error?.GetBaseException() switch
    {
        StorageException storage => new Rejected(storage.Kind switch
        {
            StorageErrorKind.NotFound => ErrorKind.NotFound,
            StorageErrorKind.Conflict => ErrorKind.Conflict,
            StorageErrorKind.InvalidParameter => ErrorKind.InvalidParameter,
            _ => ErrorKind.Internal,
        }, storage.Message),
        { } other => new Rejected(ErrorKind.Internal, other.Message),
        null => new Rejected(ErrorKind.Internal, "image operation failed"),
    };

    private static ImageDetail Detail(ImageDetails d) => new(d.Id, d.RepoTags, d.Created, d.Size, d.Architecture, d.Os, d.Author,
        new ContainerConfig
        {
            User = d.Config.User, Env = d.Config.Env, Cmd = d.Config.Cmd, Entrypoint = d.Config.Entrypoint,
            WorkingDir = d.Config.WorkingDir, Labels = d.Config.Labels, ExposedPorts = d.Config.ExposedPorts,
            Volumes = d.Config.Volumes, StopSignal = d.Config.StopSignal, StopTimeout = d.Config.StopTimeout,
            Healthcheck = d.Config.Healthcheck is { } check ? ConfigMerge.ToConfig(check) : null,
        },
        d.DiffIds)
    {
        History = HistorySteps(d),
        LayerSizes = d.LayerSizes ?? [],
    };

    /// <summary>History steps with sizes: each step that made a layer takes the next layer's size, bottom up.</summary>
    private static List<ImageHistoryStep> HistorySteps(ImageDetails d)
    {
        var sizes = d.LayerSizes ?? [];
        var steps = new List<ImageHistoryStep>();
        var layer = 0;
        foreach (var h in d.History ?? [])
        {
            var empty = h.EmptyLayer == true;
            var size = !empty && layer < sizes.Count ? sizes[layer] : 0;
            if (!empty) layer++;
            steps.Add(new ImageHistoryStep(h.Created, h.CreatedBy ?? "", h.Comment ?? "", empty, size));
        }
        // An image without history (imported) still has its layers: one step each, as Docker shows.
        if (steps.Count == 0)
            steps.AddRange(sizes.Select(s => new ImageHistoryStep(d.Created, "", "", false, s)));
        return steps;
    }
}
