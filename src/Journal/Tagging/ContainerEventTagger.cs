using System.Collections.Immutable;
using Akka.Persistence.Journal;
using Berth.Journal.Events;

namespace Berth.Journal.Tagging;

/// <summary>
/// Write-side event adapter that tags every container event with <see cref="Tag"/>, so the read side
/// can stream all containers' events in journal (ordering) order with one tag query.
/// </summary>
public sealed class ContainerEventTagger : IWriteEventAdapter
{
    /// <summary>The tag carried by every <see cref="IContainerEvent"/>.</summary>
    public const string Tag = "container";

    private static readonly IImmutableSet<string> Tags = ImmutableHashSet.Create(Tag);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is IContainerEvent ? new Tagged(evt, Tags) : evt;
}
