using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Berth.Journal.Events;
using Berth.Journal.Sqlite;
using Berth.Journal.Tests.Support;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace Berth.Journal.Tests.Sqlite;

/// <summary>
/// Group commit (many writers' facts in one transaction) keeps the journal's promise: the plugin's own
/// connections fsync every commit, a Persist callback runs only once its fact is committed, and every fact
/// acknowledged to any of many concurrent writers is there for the next daemon to replay.
/// </summary>
[Collection(HeavyJournalLoad.Name)]
public sealed class GroupCommitDurabilityTests : IDisposable
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
    private readonly TempJournal _journal = new();

    [Fact]
    public void The_plugins_connections_are_in_wal_mode_and_fsync_every_commit()
    {
        using var connection = new DataConnection(SqliteJournalSetup.DataOptions(_journal.Options));

        Assert.Equal("wal", connection.Execute<string>("PRAGMA journal_mode"));
        Assert.Equal(2L, connection.Execute<long>("PRAGMA synchronous")); // FULL
    }

    [Fact]
    public async Task A_persist_callback_runs_only_once_its_fact_is_committed()
    {
        var system = SqliteJournalSetup.Start("commit-check", _journal.Options, Quiet);
        try
        {
            var writers = Enumerable.Range(0, 50).Select(i => system.ActorOf(CommitChecker.Props($"container-w{i}", _journal.Options))).ToList();

            var reports = await Task.WhenAll(writers.Select(w => w.Ask<CommitChecker.Report>(new CommitChecker.Write(20), Patience.Journal)));

            Assert.All(reports, r => Assert.Equal(20, r.Persisted));
            Assert.All(reports, r => Assert.True(r.UncommittedAtCallback == 0, $"{r.PersistenceId}: {r.UncommittedAtCallback} callbacks ran before their fact was visible to another connection"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Every_fact_acknowledged_to_many_concurrent_writers_is_replayed_after_the_system_is_killed()
    {
        var acknowledged = new ConcurrentDictionary<string, long>();
        var system = SqliteJournalSetup.Start("writers", _journal.Options, Quiet);
        var ids = Enumerable.Range(0, 100).Select(i => $"container-k{i:D3}").ToList();
        foreach (var id in ids) system.ActorOf(EndlessWriter.Props(id, acknowledged));
        var deadline = DateTime.UtcNow + Patience.Journal;
        while (acknowledged.Values.Sum() < 3000 && DateTime.UtcNow < deadline) await Task.Delay(20);

        // Killed mid-flight: what was acknowledged by now is what must survive; writes still in flight may or may not.
        var promised = new Dictionary<string, long>(acknowledged);
        await system.Terminate();
        SqliteConnection.ClearAllPools();

        var again = SqliteJournalSetup.Start("replay", _journal.Options, Quiet);
        try
        {
            var replayed = await Task.WhenAll(ids.Select(id =>
                again.ActorOf(Replayer.Props(id)).Ask<Recovered>(new AskRecovered(), Patience.Journal)
                    .ContinueWith(t => (Id: id, t.Result.SequenceNr))));
            Assert.True(promised.Values.Sum() >= 3000, $"only {promised.Values.Sum()} facts were acknowledged before the deadline");
            Assert.All(replayed, r => Assert.True(r.SequenceNr >= promised.GetValueOrDefault(r.Id),
                $"{r.Id}: {promised.GetValueOrDefault(r.Id)} facts acknowledged, {r.SequenceNr} replayed"));
            var gaps = _journal.Scalar("SELECT count(*) FROM (SELECT sequence_number - coalesce(lag(sequence_number) OVER " +
                "(PARTITION BY persistence_id ORDER BY ordering), 0) AS step FROM journal) WHERE step <> 1");
            Assert.Equal(0L, gaps);
        }
        finally
        {
            await again.Terminate();
        }
    }

    [Fact]
    public async Task A_writer_started_again_numbers_its_next_fact_after_every_fact_it_wrote_before()
    {
        var first = SqliteJournalSetup.Start("first", _journal.Options, Quiet);
        var writer = new JournalWriter(first);
        await writer.WriteAsync(("container-n", new Paused(DateTimeOffset.UnixEpoch)), ("container-n", new Unpaused(DateTimeOffset.UnixEpoch)),
            ("container-n", new Paused(DateTimeOffset.UnixEpoch)));
        await first.Terminate();

        var second = SqliteJournalSetup.Start("second", _journal.Options, Quiet);
        try
        {
            var next = await second.ActorOf(JournalingActor.Props("container-n"))
                .Ask<JournalingActor.Persisted>(new Unpaused(DateTimeOffset.UnixEpoch), Patience.Journal);

            Assert.Equal(new JournalingActor.Persisted("container-n", 4), next);
        }
        finally
        {
            await second.Terminate();
        }
    }

    public void Dispose() => _journal.Dispose();

    private sealed record AskRecovered;

    private sealed record Recovered(long SequenceNr);

    /// <summary>Replays its facts and answers how many it got (facts are numbered 1, 2, 3…).</summary>
    private sealed class Replayer : ReceivePersistentActor
    {
        private long _replayed;

        public Replayer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<IJournaled>(_ => _replayed++);
            Command<AskRecovered>(_ => Sender.Tell(new Recovered(_replayed == LastSequenceNr ? _replayed : -1)));
        }

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new Replayer(persistenceId));
    }

    /// <summary>Persists facts one after another, as fast as they are acknowledged, and records each acknowledgement.</summary>
    private sealed class EndlessWriter : ReceivePersistentActor
    {
        public EndlessWriter(string persistenceId, ConcurrentDictionary<string, long> acknowledged)
        {
            PersistenceId = persistenceId;
            Recover<IJournaled>(_ => { });
            Recover<RecoveryCompleted>(_ => Self.Tell(Next.Instance));
            Command<Next>(_ => Persist(new Paused(DateTimeOffset.UnixEpoch), _ =>
            {
                acknowledged[persistenceId] = LastSequenceNr;
                Self.Tell(Next.Instance);
            }));
        }

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId, ConcurrentDictionary<string, long> acknowledged) =>
            Akka.Actor.Props.Create(() => new EndlessWriter(persistenceId, acknowledged));

        private sealed record Next { public static readonly Next Instance = new(); }
    }

    /// <summary>Persists facts; in each callback, asks a connection of its own whether the fact is already committed.</summary>
    private sealed class CommitChecker : ReceivePersistentActor
    {
        private readonly JournalOptions _options;
        private int _left;
        private int _persisted;
        private int _uncommitted;
        private IActorRef _replyTo = ActorRefs.Nobody;

        public CommitChecker(string persistenceId, JournalOptions options)
        {
            PersistenceId = persistenceId;
            _options = options;
            Recover<IJournaled>(_ => { });
            Command<Write>(m => { _left = m.Facts; _replyTo = Sender; Self.Tell(Next.Instance); });
            Command<Next>(_ => Persist(new Paused(DateTimeOffset.UnixEpoch), _ =>
            {
                _persisted++;
                if (!Committed(LastSequenceNr)) _uncommitted++;
                if (--_left > 0) Self.Tell(Next.Instance);
                else _replyTo.Tell(new Report(PersistenceId, _persisted, _uncommitted));
            }));
        }

        public override string PersistenceId { get; }

        public static Props Props(string persistenceId, JournalOptions options) =>
            Akka.Actor.Props.Create(() => new CommitChecker(persistenceId, options));

        // A separate, unshared connection in WAL mode sees only committed transactions.
        private bool Committed(long sequenceNr)
        {
            using var connection = new SqliteConnection($"Data Source={_options.DatabasePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM journal WHERE persistence_id = $id AND sequence_number = $n";
            command.Parameters.AddWithValue("$id", PersistenceId);
            command.Parameters.AddWithValue("$n", sequenceNr);
            return (long)command.ExecuteScalar()! == 1;
        }

        public sealed record Write(int Facts);

        public sealed record Report(string PersistenceId, int Persisted, int UncommittedAtCallback);

        private sealed record Next { public static readonly Next Instance = new(); }
    }
}

/// <summary>Tests that load the journal (and the thread pool) hard run alone, so they do not starve the others' asks.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyJournalLoad
{
    public const string Name = "heavy journal load";
}
