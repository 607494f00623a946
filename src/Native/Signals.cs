namespace Berth.Native;

/// <summary>
/// Linux signal names and numbers as Docker accepts them: <c>SIGTERM</c>, <c>TERM</c>, <c>term</c> or <c>15</c>.
/// </summary>
public static class Signals
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6,
        ["BUS"] = 7, ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12,
        ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18,
        ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21, ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24,
        ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28, ["IO"] = 29, ["POLL"] = 29,
        ["PWR"] = 30, ["SYS"] = 31,
    };

    /// <summary>Parses a signal name or number; false for anything Linux does not define (1–64).</summary>
    public static bool TryParse(string text, out int signal)
    {
        signal = 0;
        var name = text.Trim();
        if (int.TryParse(name, out var number)) { signal = number; return number is >= 1 and <= 64; }
        if (name.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) name = name[3..];
        if (name.StartsWith("RTMIN+", StringComparison.OrdinalIgnoreCase) && int.TryParse(name[6..], out var up))
        { signal = 34 + up; return up is >= 0 and <= 30; }
        return Numbers.TryGetValue(name, out signal);
    }
}
