namespace Berth.Bench;

/// <summary>The tuning knobs tried, each alone against berth's configuration, then the promising combinations.</summary>
internal static class JournalSettings
{
    private const string Sql = "akka.persistence.journal.sql";

    public static JournalSetting Parallelism(int n) => new($"parallelism = {n}", $"{Sql}.parallelism = {n}");
    public static JournalSetting InsertMode(string mode) => new($"tag insert-mode = {mode}", $"{Sql}.tagtable-asqueryable-insert-mode = {mode}");
    public static JournalSetting Batch(int n) => new($"WriteBatchSize = {n}", WriteBatchSize: n);
    public static JournalSetting ReplayBatch(int n) => new($"replay-batch-size = {n}", $"{Sql}.replay-batch-size = {n}");
    public static JournalSetting Recoveries(int n) => new($"max-concurrent-recoveries = {n}", $"akka.persistence.max-concurrent-recoveries = {n}");

    /// <summary>Not a journal knob: the actors' dispatcher on two dedicated threads instead of the .NET thread pool.</summary>
    public static readonly JournalSetting ForkJoin = new("(extra) default-dispatcher fork-join, 2 threads",
        "akka.actor.default-dispatcher { executor = fork-join-executor, fork-join-executor { parallelism-min = 2, parallelism-max = 2 } }");

    /// <summary>Not a journal knob: linq2db options with <see cref="YieldingInsertInterceptor"/>, so the plugin's batching engages.</summary>
    public static readonly JournalSetting YieldingWrites = new("(extra) yielding writes", YieldingWrites: true);

    /// <summary>Not a journal knob: every query yields (reads too), so recovery queries leave the plugin actors' threads.</summary>
    public static readonly JournalSetting YieldingAll = new("(extra) yielding reads and writes", YieldingWrites: true, YieldingReads: true);

    /// <summary>Not in the brief's list: no replay filter actor per recovery (it guards against several writers of
    /// one persistence id, which a single daemon on its own file never has).</summary>
    public static readonly JournalSetting ReplayFilterOff = new("(extra) replay-filter off", "akka.persistence.journal.sql.replay-filter.mode = off");

    public static readonly IReadOnlyList<JournalSetting> Writes =
    [
        JournalSetting.Baseline,
        JournalSetting.PluginDefaults,
        Batch(25),
        Batch(400),
        Parallelism(2),
        Parallelism(4),
        InsertMode("parameterized"),
        InsertMode("inline"),
        JournalSetting.Combine("inline + WriteBatchSize = 400", InsertMode("inline"), Batch(400)),
        JournalSetting.Combine("inline + parallelism = 2", InsertMode("inline"), Parallelism(2)),
        ForkJoin,
        YieldingWrites,
        JournalSetting.Combine("(extra) yielding writes + inline", YieldingWrites, InsertMode("inline")),
        JournalSetting.Combine("(extra) yielding writes + inline + WriteBatchSize = 400", YieldingWrites, InsertMode("inline"), Batch(400)),
        YieldingAll,
    ];

    public static readonly IReadOnlyList<JournalSetting> Recovery =
    [
        JournalSetting.Baseline,
        JournalSetting.PluginDefaults,
        Recoveries(10),
        Recoveries(200),
        Recoveries(1000),
        Recoveries(2000),
        ReplayBatch(10),
        ReplayBatch(100),
        JournalSetting.Combine("max-concurrent-recoveries = 200 + replay-batch-size = 100", Recoveries(200), ReplayBatch(100)),
        JournalSetting.Combine("max-concurrent-recoveries = 1000 + replay-batch-size = 100", Recoveries(1000), ReplayBatch(100)),
        YieldingWrites,
        YieldingAll,
        JournalSetting.Combine("(extra) yielding reads and writes + max-concurrent-recoveries = 200", YieldingAll, Recoveries(200)),
        ReplayFilterOff,
        JournalSetting.Combine("(extra) yielding writes + replay-filter off", YieldingWrites, ReplayFilterOff),
    ];
}
