using Akka.Actor;
using Berth.Journal.Events;
using Berth.Native.Network;

namespace Berth.Actors.Networks;

// Removing networks: refused while a sandbox is attached; the host's resources go first
// (conflist, bridge, leases), the fact after. Other commands wait meanwhile.
public sealed partial class NetworksActor
{
    private void OnRemove(string reference, IActorRef replyTo)
    {
        if (Catalog.Find(reference) is not { } found) { replyTo.Tell(NotFound(reference)); return; }
        if (Catalog.IsPredefined(found.Name))
        {
            replyTo.Tell(new Rejected(ErrorKind.Forbidden, $"{found.Name} is a pre-defined network and cannot be removed"));
            return;
        }
        var network = _state.ById[found.Id];
        RunBusy(async () =>
        {
            if (_definitions.Attachments().Any(a => Attached(a, network)))
                return new Rejected(ErrorKind.Forbidden, $"error while removing network: network {network.Name} id {network.Id} has active endpoints");
            await _definitions.RemoveAsync(NetworkCatalog.ToBridge(network), CancellationToken.None).ConfigureAwait(false);
            return new Removal([network]);
        }, replyTo, removed => new Done(network.Id));
    }

    private void OnPrune(IReadOnlySet<string>? only, IActorRef replyTo)
    {
        var candidates = _state.ById.Values.Where(n => only is null || only.Contains(n.Id)).ToList();
        RunBusy(async () =>
        {
            var attachments = _definitions.Attachments();
            var unused = candidates.Where(n => !attachments.Any(a => Attached(a, n))).ToList();
            foreach (var network in unused)
                await _definitions.RemoveAsync(NetworkCatalog.ToBridge(network), CancellationToken.None).ConfigureAwait(false);
            return new Removal(unused);
        }, replyTo, removed => new NetworksPruned([.. removed.Networks.Select(n => n.Name)]));
    }

    private static bool Attached(NetworkAttachment attachment, NetworkCreated network) =>
        attachment.NetworkId == network.Id || attachment.NetworkId is null && attachment.Network == network.Name;

    /// <summary>Runs the host-side step off the mailbox, stashing commands; persists one removal fact per network it removed.</summary>
    private void RunBusy(Func<Task<object>> step, IActorRef replyTo, Func<Removal, object> reply)
    {
        Become(() =>
        {
            Command<Removal>(removal =>
            {
                if (removal.Networks.Count == 0) Finish(replyTo, reply(removal));
                else PersistAll(removal.Networks.Select(n => new NetworkRemoved(n.Id, n.Name, _clock.GetUtcNow())), evt =>
                {
                    _state = _state.Apply(evt);
                    if (evt.Id == removal.Networks[^1].Id) Finish(replyTo, reply(removal));
                });
            });
            Command<Rejected>(r => Finish(replyTo, r));
            Command<Status.Failure>(f => Finish(replyTo, new Rejected(ErrorKind.Internal, f.Cause.Message)));
            CommandAny(_ => Stash.Stash());
        });
        Task.Run(step).PipeTo(Self);
    }

    private void Finish(IActorRef replyTo, object reply)
    {
        replyTo.Tell(reply);
        Become(Ready);
        Stash.UnstashAll();
    }

    private sealed record Removal(IReadOnlyList<NetworkCreated> Networks);
}
