namespace Berth.Bench;

/// <summary>What the journal benchmark compares: the product as configured, against the stock plugin for writes
/// and against per-container replay (the bulk read at start turned off) for recovery.</summary>
internal static class JournalSettings
{
    public static readonly IReadOnlyList<JournalSetting> Writes = [JournalSetting.AsConfigured, JournalSetting.StockPlugin];

    public static readonly IReadOnlyList<JournalSetting> Recovery =
    [
        JournalSetting.AsConfigured,
        new("berth, bulk read off (each container replays)", Product: true, "berth.recovery.bulk-read = off"),
    ];
}
