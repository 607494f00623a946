namespace Berth.Torture;

/// <summary>What the run has learnt across rounds: every container id it ever saw, and those whose `rm -f` succeeded.</summary>
internal sealed class History
{
    private readonly HashSet<string> _known = [];
    private readonly HashSet<string> _removed = [];

    public IReadOnlyCollection<string> Known => _known;
    public IReadOnlyCollection<string> Removed => _removed;

    public void Saw(IEnumerable<string> ids) => _known.UnionWith(ids);

    public void MarkRemoved(string id) => _removed.Add(id);
}
