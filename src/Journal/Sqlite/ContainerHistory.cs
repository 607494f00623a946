using Berth.Journal.Events;

namespace Berth.Journal.Sqlite;

/// <summary>
/// Every fact of one container as the journal holds them, read by <see cref="ContainerJournalScan"/>:
/// <c>Events[i]</c> is sequence number <c>i + 1</c>, with no gap, so the last is <see cref="HighestSequenceNr"/>.
/// </summary>
public sealed record ContainerHistory(string ContainerId, IReadOnlyList<IContainerEvent> Events)
{
    public long HighestSequenceNr => Events.Count;
}
