namespace Berth.Journal.Sqlite;

/// <summary>
/// Where the journal lives and how it is tuned. <c>Serializer</c> is the assembly-qualified name of
/// the <see cref="Serialization.ManifestSerializer"/> that knows every journaled type (events and
/// snapshot states). <c>WriteBatchSize</c> caps how many facts share one transaction (group commit);
/// <c>QueryRefreshInterval</c> is how often a follow query polls; <c>QueryAskTimeout</c> bounds the
/// read side's internal asks.
/// </summary>
public sealed record JournalOptions(
    string DatabasePath,
    string Serializer,
    TimeSpan BusyTimeout,
    TimeSpan QueryRefreshInterval,
    int WriteBatchSize = 400)
{
    public TimeSpan QueryAskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static JournalOptions For(string databasePath, string serializer) =>
        new(databasePath, serializer, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
}
