using System.Collections.Immutable;
using Berth.Journal.Events;

namespace Berth.Actors.Networks;

/// <summary>The user-defined networks: exactly what replaying the Networks actor's facts gives.</summary>
public sealed record NetworksState
{
    public static readonly NetworksState Empty = new();

    public ImmutableDictionary<string, NetworkCreated> ById { get; init; } = ImmutableDictionary<string, NetworkCreated>.Empty;

    public NetworksState Apply(INetworkEvent evt) => evt switch
    {
        NetworkCreated e => this with { ById = ById.SetItem(e.Id, e) },
        NetworkRemoved e => this with { ById = ById.Remove(e.Id) },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt.GetType().Name, "an event the networks state does not know"),
    };
}
