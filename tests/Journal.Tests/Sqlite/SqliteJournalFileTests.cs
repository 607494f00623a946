using System.Diagnostics;
using Berth.Journal.Sqlite;
using Berth.Journal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>The journal file and its connections: WAL, fsync on every commit, waiting out a busy lock.</summary>
public sealed class SqliteJournalFileTests : IDisposable
{
    private readonly TempJournal _journal = new();

    [Fact]
    public void After_prepare_the_file_is_in_wal_mode()
    {
        Assert.True(File.Exists(_journal.Options.DatabasePath));
        Assert.Equal("wal", _journal.Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Wal_mode_is_kept_in_the_file_for_every_later_connection()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={_journal.Options.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Prepare_again_on_an_existing_journal_is_harmless()
    {
        _journal.Scalar("CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (7);");

        SqliteJournalFile.Prepare(_journal.Options);

        Assert.Equal(7L, _journal.Scalar("SELECT x FROM kept"));
    }

    [Fact]
    public void A_journal_connection_fsyncs_every_commit()
    {
        Assert.Equal(2L, _journal.Scalar("PRAGMA synchronous")); // FULL
    }

    [Fact]
    public void A_journal_connection_has_the_configured_busy_timeout()
    {
        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until the command timeout (Default Timeout);
        // it does not set SQLite's PRAGMA busy_timeout, which stays 0.
        using var connection = _journal.Open();

        Assert.Equal((int)_journal.Options.BusyTimeout.TotalSeconds, connection.DefaultTimeout);
        Assert.Equal(30, connection.DefaultTimeout);
        using var command = connection.CreateCommand();
        Assert.Equal(30, command.CommandTimeout);
    }

    [Fact]
    public void A_writer_blocked_by_another_retries_until_the_busy_timeout_then_reports_busy()
    {
        var options = _journal.Options with { BusyTimeout = TimeSpan.FromSeconds(1) };
        _journal.Scalar("CREATE TABLE t (x INTEGER)");
        using var holder = _journal.Open();
        using var lockIt = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: holds the write lock
        using var blocked = new SqliteConnection(SqliteJournalConfig.ConnectionString(options));
        blocked.Open();
        using var insert = blocked.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES (1)";

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());

        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {clock.Elapsed}");
    }

    public void Dispose() => _journal.Dispose();
}
