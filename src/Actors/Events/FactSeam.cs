namespace Berth.Actors.Events;

/// <summary>
/// Joins a catch-up read of the journal to a live feed without gaps or duplicates. The reader subscribes
/// live first; while it catches up, live items are held back; at the end of the catch-up, the held
/// items not already read from the journal are released, in order. A fact is named by its persistence
/// id and sequence number, which grow by one per fact of the same writer, so "already delivered" is
/// exact: a fact is new iff its number is above the last one delivered for its writer.
/// </summary>
public sealed class FactSeam<T>
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private List<(string PersistenceId, long SequenceNr, T Item)>? _held;

    /// <param name="catchingUp">False for a reader that wants only live facts.</param>
    public FactSeam(bool catchingUp)
    {
        if (catchingUp) _held = new();
    }

    public bool CatchingUp => _held is not null;

    /// <summary>A fact read from the journal: true if it is new (deliver it), false if it was already delivered.</summary>
    public bool FromJournal(string persistenceId, long sequenceNr) => Take(persistenceId, sequenceNr);

    /// <summary>A fact pushed live: the items to deliver now — none while catching up or when already delivered.</summary>
    public IReadOnlyList<T> Live(string persistenceId, long sequenceNr, T item)
    {
        if (_held is { } held)
        {
            held.Add((persistenceId, sequenceNr, item));
            return [];
        }
        return Take(persistenceId, sequenceNr) ? [item] : [];
    }

    /// <summary>The catch-up read is complete: returns the held live items it did not cover, in arrival order.</summary>
    public IReadOnlyList<T> EndCatchUp()
    {
        var held = _held ?? [];
        _held = null;
        return held.Where(h => Take(h.PersistenceId, h.SequenceNr)).Select(h => h.Item).ToList();
    }

    private bool Take(string persistenceId, long sequenceNr)
    {
        if (_last.TryGetValue(persistenceId, out var last) && sequenceNr <= last) return false;
        _last[persistenceId] = sequenceNr;
        return true;
    }
}
