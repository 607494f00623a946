namespace Berth.Actors.Containers;

/// <summary>
/// A container's state folded from its whole history by the bulk recovery at daemon start, handed to its
/// first incarnation so that it replays nothing. One-shot: the incarnation that takes it skips replay;
/// one restarted by its supervisor (same props, same seed) finds it taken and replays its journal normally.
/// </summary>
public sealed class RecoverySeed(ContainerState state, long sequenceNr)
{
    private int _taken;

    /// <summary>The state after the fact numbered <see cref="SequenceNr"/>, the last the journal held.</summary>
    public ContainerState State { get; } = state;

    public long SequenceNr { get; } = sequenceNr;

    /// <summary>This seed the first time, null ever after.</summary>
    public RecoverySeed? Take() => Interlocked.Exchange(ref _taken, 1) == 0 ? this : null;
}
