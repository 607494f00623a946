namespace Berth.Journal.Query;

/// <summary>The outcome of <see cref="ContainerHistoryReader.Find"/>: one container, none, or a prefix several share.</summary>
public abstract record ContainerJournalLookup
{
    private ContainerJournalLookup() { }

    /// <summary>Exactly one journaled container answers the reference.</summary>
    public sealed record Found(string Id) : ContainerJournalLookup;

    /// <summary>No journaled container answers the reference.</summary>
    public sealed record Missing : ContainerJournalLookup;

    /// <summary>The reference is a prefix of several journaled containers' ids.</summary>
    public sealed record Ambiguous : ContainerJournalLookup;
}
