using Berth.Journal.Events;
using Berth.Journal.Sqlite;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>
/// The journal's group commit on its own: writes that queue up behind a commit share the next one, and a
/// write the database refuses fails alone, not the writes that happened to share its transaction.
/// </summary>
[Collection(HeavyJournalLoad.Name)]
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly TempJournal _journal = new();

    public async Task InitializeAsync()
    {
        // The plugin makes the tables on the first start; the writer writes into them.
        try
        {
            var system = SqliteJournalSetup.Start("tables", _journal.Options);
            try
            {
                await new JournalWriter(system).WriteAsync(("container-existing", new Paused(DateTimeOffset.UnixEpoch)));
            }
            finally
            {
                await system.Terminate();
            }
        }
        catch
        {
            // xunit does not dispose a class whose InitializeAsync threw.
            _journal.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task A_refused_write_fails_alone_and_the_writes_queued_with_it_are_committed()
    {
        using var writer = new GroupCommitWriter(SqliteJournalConfig.ConnectionString(_journal.Options), 400);
        Task first, duplicate, other;
        // Holding SQLite's write lock keeps the first commit waiting, so the next two queue up behind it and share a transaction.
        using (var blocker = _journal.Open())
        using (var transaction = blocker.BeginTransaction())
        {
            first = writer.WriteAsync([Row("container-a", 1)]);
            duplicate = writer.WriteAsync([Row("container-existing", 1)]);
            other = writer.WriteAsync([Row("container-b", 1), Row("container-b", 2)]);
            await Task.Delay(100);
            Assert.False(first.IsCompleted, "a write completed while another connection held the write lock");
            transaction.Commit();
        }

        await first.WaitAsync(Patience.Journal);
        await other.WaitAsync(Patience.Journal);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate.WaitAsync(Patience.Journal));
        Assert.Equal(["container-a/1", "container-b/1", "container-b/2", "container-existing/1"],
            _journal.Column("SELECT persistence_id || '/' || sequence_number FROM journal ORDER BY persistence_id, sequence_number"));
        Assert.Equal(["container-a/1", "container-b/1", "container-b/2", "container-existing/1"],
            _journal.Column("SELECT persistence_id || '/' || sequence_nr FROM tags WHERE tag = 'container' ORDER BY persistence_id, sequence_nr"));
    }

    [Fact]
    public async Task A_tag_row_points_at_the_ordering_of_its_fact()
    {
        using var writer = new GroupCommitWriter(SqliteJournalConfig.ConnectionString(_journal.Options), 400);

        await writer.WriteAsync([Row("container-c", 1), Row("container-c", 2)]).WaitAsync(Patience.Journal);

        Assert.Equal(0L, _journal.Scalar(
            "SELECT count(*) FROM tags t LEFT JOIN journal j ON j.ordering = t.ordering_id AND j.persistence_id = t.persistence_id " +
            "AND j.sequence_number = t.sequence_nr WHERE j.ordering IS NULL"));
    }

    private static JournalRowWrite Row(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, DateTime.UtcNow.Ticks, "{}"u8.ToArray(), "paused/1", 4117, "test", ["container"]);

    public Task DisposeAsync()
    {
        _journal.Dispose();
        return Task.CompletedTask;
    }
}
