namespace Berth.Journal.Sqlite;

/// <summary>
/// One serialized fact as the SQL plugin's <c>journal</c> table holds it (tag-table mode: its tags go to
/// the <c>tags</c> table), made by <see cref="SqliteWriteJournal"/> and written by <see cref="GroupCommitWriter"/>.
/// The columns are the plugin's, filled as the plugin fills them, so its replay and queries read these rows.
/// </summary>
internal sealed record JournalRowWrite(
    string PersistenceId,
    long SequenceNr,
    long Created,
    byte[] Message,
    string Manifest,
    int SerializerId,
    string WriterUuid,
    IReadOnlyCollection<string> Tags);
