using System.Globalization;
using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Journal.Query;

namespace Berth.Actors.Events;

/// <summary>
/// The one place where journaled facts become Docker's event words, in the order dockerd emits them:
/// create; start (then restart, for a user's restart); kill (signal) for each signal a stop, kill or
/// forced removal sends; oom then die (exitCode) at an exit, then stop when a stop or restart ended the
/// run; pause, unpause, health_status: healthy|unhealthy, rename (oldName), destroy; network connect/disconnect; image load, import,
/// tag, untag, delete. A fact's message carries the fact's own time, so replaying the journal gives
/// exactly the stream that was sent live. The mapper remembers, per container, what the attributes
/// need (name, image, labels, networks, start time); feed it each writer's facts in order.
/// </summary>
public sealed class DockerEventMapper
{
    private readonly Dictionary<string, Subject> _containers = new(StringComparer.Ordinal);

    /// <summary>The Docker events of one fact (none for facts Docker has no word for).</summary>
    public IReadOnlyList<DockerEvent> Map(string persistenceId, IJournaled fact) => fact switch
    {
        IContainerEvent e when persistenceId.StartsWith(ContainerEventQueries.PersistenceIdPrefix, StringComparison.Ordinal) =>
            MapContainer(persistenceId[ContainerEventQueries.PersistenceIdPrefix.Length..], e),
        IImageEvent e => MapImage(e),
        _ => [],
    };

    private IReadOnlyList<DockerEvent> MapContainer(string id, IContainerEvent fact)
    {
        var s = _containers.TryGetValue(id, out var known) ? known : new Subject(id);
        var events = new List<DockerEvent>(2);
        void Emit(string action, params (string Key, string Value)[] extra) => events.Add(s.Event(action, fact.At, extra));
        switch (fact)
        {
            case Created e:
                s = new Subject(id) { Name = e.Name, Image = string.IsNullOrEmpty(e.ImageRef) ? e.Config.Image ?? e.ImageId : e.ImageRef, Labels = e.Config.Labels };
                Emit("create");
                break;
            case StartRequested e:
                s = s with { RestartPending = e.UserRestart, PendingVerb = null };
                break;
            case NetworkAllocated e:
                s = s with { Networks = e.Networks };
                events.AddRange(e.Networks.Select(n => NetworkEvent("connect", n, id, e.At)));
                break;
            case TaskStarted e:
                Emit("start");
                if (s.RestartPending) Emit("restart");
                s = s with { StartedAt = e.At, RestartPending = false };
                break;
            case StartFailed:
                s = s with { RestartPending = false };
                break;
            case StopRequested e:
                if (e.Signal is { } signal) Emit("kill", ("signal", signal.ToString(CultureInfo.InvariantCulture)));
                if (e.Verb is { } verb) s = s with { PendingVerb = verb };
                break;
            case Exited e:
                // The monitor's exit time can precede the daemon's start time for a process that ends at
                // once; the die is reported no earlier than the start, as Docker's stream orders them.
                var died = s.StartedAt is { } started && started > e.At ? started : e.At;
                var ran = (long)(died - (s.StartedAt ?? died)).TotalSeconds;
                if (e.OomKilled) events.Add(s.Event("oom", died, []));
                events.Add(s.Event("die", died, [("exitCode", e.ExitCode.ToString(CultureInfo.InvariantCulture)), ("execDuration", ran.ToString(CultureInfo.InvariantCulture))]));
                if (s.PendingVerb is StopVerb.Stop or StopVerb.Restart) events.Add(s.Event("stop", died, []));
                s = s with { PendingVerb = null };
                break;
            case NetworkReleased e:
                events.AddRange(s.Networks.Select(n => NetworkEvent("disconnect", n, id, e.At)));
                s = s with { Networks = [] };
                break;
            case RestartCancelled:
                if (s.PendingVerb == StopVerb.Stop) Emit("stop");
                s = s with { PendingVerb = null };
                break;
            case Paused:
                Emit("pause");
                break;
            case Unpaused:
                Emit("unpause");
                break;
            // Docker logs a health event only when a probe changed the status, never for the reset to starting.
            case HealthStatusChanged e when e.Status != Health.HealthStatus.Starting:
                Emit("health_status: " + e.Status);
                break;
            case Renamed e:
                s = s with { Name = e.NewName };
                Emit("rename", ("oldName", "/" + e.OldName));
                break;
            case Removed:
                Emit("destroy");
                _containers.Remove(id);
                return events;
        }
        _containers[id] = s;
        return events;
    }

    private static IReadOnlyList<DockerEvent> MapImage(IImageEvent fact) => fact switch
    {
        ImageLoaded e => [ImageEvent("load", e.Id, e.Tags.Count > 0 ? e.Tags[0] : e.Id, e.At)],
        ImageImported e => [ImageEvent("import", e.Id, e.Tag ?? e.Id, e.At)],
        ImageTagged e => [ImageEvent("tag", e.Id, e.Tag, e.At)],
        // Docker names the image by its id in untag and delete events.
        ImageUntagged e => [ImageEvent("untag", e.Id, e.Id, e.At)],
        ImageDeleted e => [ImageEvent("delete", e.Id, e.Id, e.At)],
        _ => [],
    };

    private static DockerEvent ImageEvent(string action, string id, string name, DateTimeOffset at) =>
        new("image", action, id, Attributes([("name", name)]), at);

    private static DockerEvent NetworkEvent(string action, NetworkEndpoint network, string containerId, DateTimeOffset at) =>
        new("network", action, network.Network,
            Attributes([("container", containerId), ("name", network.Network), ("type", DriverOf(network.Network))]), at);

    /// <summary>Docker's driver names for its predefined networks; every other network is a bridge.</summary>
    private static string DriverOf(string network) => network switch
    {
        "none" => "null",
        "host" => "host",
        _ => "bridge",
    };

    private static SortedDictionary<string, string> Attributes(IEnumerable<(string Key, string Value)> pairs)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs) attributes[key] = value;
        return attributes;
    }

    /// <summary>What a container's events carry, as of the facts seen so far.</summary>
    private sealed record Subject(string Id)
    {
        public string Name { get; init; } = "";
        public string Image { get; init; } = "";
        public IReadOnlyDictionary<string, string>? Labels { get; init; }
        public IReadOnlyList<NetworkEndpoint> Networks { get; init; } = [];
        public DateTimeOffset? StartedAt { get; init; }
        public StopVerb? PendingVerb { get; init; }
        public bool RestartPending { get; init; }

        /// <summary>Docker's container attributes: the labels, then image and name (which win over labels of that name), then the action's own.</summary>
        public DockerEvent Event(string action, DateTimeOffset at, (string Key, string Value)[] extra)
        {
            var pairs = (Labels ?? new Dictionary<string, string>()).Select(l => (l.Key, l.Value))
                .Append(("image", Image)).Append(("name", Name)).Concat(extra);
            return new DockerEvent("container", action, Id, Attributes(pairs), at);
        }
    }
}
