using System.Collections.Immutable;
using Akka.Persistence.Journal;
using Berth.Journal.Events;

namespace Berth.Journal.Tagging;

/// <summary>Write-side event adapter that tags every <see cref="INetworkEvent"/> with <see cref="Tag"/>.</summary>
public sealed class NetworkEventTagger : IWriteEventAdapter
{
    public const string Tag = "network";

    private static readonly IImmutableSet<string> Tags = ImmutableHashSet.Create(Tag);

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is INetworkEvent ? new Tagged(evt, Tags) : evt;
}
