namespace Berth.Actors.Containers;

/// <summary>
/// A container's journal holds more facts than the bulk recovery folded into its seed (something wrote
/// between the read and the actor's start). The container actor fails with it; its supervisor restarts it
/// and the new incarnation replays its journal.
/// </summary>
public sealed class StaleRecoverySeedException(string containerId, long seeded, long journaled)
    : InvalidOperationException($"container {containerId}: recovery seed ends at fact {seeded}, the journal at {journaled}")
{
    public string ContainerId { get; } = containerId;
    public long Seeded { get; } = seeded;
    public long Journaled { get; } = journaled;
}
