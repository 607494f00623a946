namespace Berth.Journal.Tests.Support;

/// <summary>
/// How long a test waits for the journal at most. Generous because a first start pays JIT and the
/// plugin's set-up on a possibly busy CI machine; a passing test never waits this long.
/// </summary>
internal static class Patience
{
    public static readonly TimeSpan Journal = TimeSpan.FromSeconds(30);
}
