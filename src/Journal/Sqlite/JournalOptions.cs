namespace Berth.Journal.Sqlite;

/// <summary>
/// Where the journal lives and how it is tuned. <c>Serializer</c> is the assembly-qualified name of
/// the <see cref="Serialization.ManifestSerializer"/> that knows every journaled type (events and
/// snapshot states).
/// </summary>
public sealed record JournalOptions(
    string DatabasePath,
    string Serializer,
    TimeSpan BusyTimeout,
    TimeSpan QueryRefreshInterval,
    int WriteBatchSize = 100)
{
    public static JournalOptions For(string databasePath, string serializer) =>
        new(databasePath, serializer, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
}
