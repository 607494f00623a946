using Berth.Journal.Events;

namespace Berth.Journal.Query;

/// <summary>
/// One container fact as the read side sees it. <c>Offset</c> is the fact's place in the whole journal
/// (the journal's ordering column): it grows across all containers, so a reader that remembers the last
/// offset it handed out resumes exactly there. <c>SequenceNr</c> is the fact's place in its own
/// container's life, starting at 1.
/// </summary>
public sealed record ContainerEventEnvelope(long Offset, string ContainerId, long SequenceNr, IContainerEvent Event);
