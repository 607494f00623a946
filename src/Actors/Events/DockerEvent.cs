namespace Berth.Actors.Events;

/// <summary>
/// One message of Docker's event stream (<c>GET /events</c>): what happened (<c>Type</c>, <c>Action</c>),
/// to whom (<c>ActorId</c> and its <c>Attributes</c>, ordered by key as Docker prints them) and when
/// the journaled fact behind it happened. Made only by <see cref="DockerEventMapper"/>.
/// </summary>
public sealed record DockerEvent(string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset Time)
{
    /// <summary>Every event berth reports is about this host.</summary>
    public string Scope => "local";

    /// <summary>Unix nanoseconds (.NET keeps 100 ns ticks, so the last two digits are zero).</summary>
    public long TimeNano => (Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
