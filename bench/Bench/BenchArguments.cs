using System.Globalization;

namespace Berth.Bench;

/// <summary>What to run: which parts, how big, how often, which settings (by a piece of their name).</summary>
internal sealed record BenchArguments(bool Writes, bool Recovery, bool Quick, int Repeat, string? Only)
{
    public int SequentialEvents => Quick ? 200 : 1000;
    public int ConcurrentActors => Quick ? 20 : 100;
    public int ConcurrentEventsEach => Quick ? 50 : 200;
    public int RecoveryContainers => Quick ? 500 : 2000;

    public static BenchArguments Parse(string[] args)
    {
        var parts = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var all = !parts.Contains("writes") && !parts.Contains("recovery");
        return new BenchArguments(
            all || parts.Contains("writes"),
            all || parts.Contains("recovery"),
            args.Contains("--quick"),
            Value("--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1,
            Value("--only"));
    }

    public bool Includes(JournalSetting setting) =>
        Only is null || setting == JournalSetting.AsConfigured || setting.Name.Contains(Only, StringComparison.OrdinalIgnoreCase);
}
