using Berth.Journal.Sqlite;

namespace Berth.Actors.Containers;

/// <summary>
/// Folds the histories a <see cref="ContainerJournalScan"/> read into <see cref="RecoverySeed"/>s with the
/// same <see cref="ContainerState.Apply"/> replay uses, so a seeded container starts where replay would
/// have brought it. A history that does not fold (a fact its state refuses) gets no seed: that container
/// replays by itself and fails there as it always did.
/// </summary>
public static class RecoverySeeds
{
    public static IReadOnlyDictionary<string, RecoverySeed> Fold(IEnumerable<ContainerHistory> histories)
    {
        var seeds = new Dictionary<string, RecoverySeed>();
        foreach (var history in histories)
            if (FoldOne(history) is { } state)
                seeds[history.ContainerId] = new RecoverySeed(state, history.HighestSequenceNr);
        return seeds;
    }

    private static ContainerState? FoldOne(ContainerHistory history)
    {
        var state = ContainerState.Empty;
        try
        {
            foreach (var fact in history.Events) state = state.Apply(fact);
            return state;
        }
        catch (Exception error) when (error is Lifecycle.InvalidTransitionException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
