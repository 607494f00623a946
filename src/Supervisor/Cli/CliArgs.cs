namespace Berth.Supervisor.Cli;

/// <summary>
/// Docker-style command-line flags: <c>--name x</c>, <c>--name=x</c>, <c>-e A=1</c>, repeatable
/// flags, boolean flags and bundled short booleans (<c>-it</c>, <c>-aq</c>). Parsing stops at the
/// first positional argument when <c>stopAtPositional</c> (so a container's own command keeps its flags).
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bools = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = new();

    /// <summary>Parses <paramref name="args"/>. <paramref name="valueFlags"/> and <paramref name="boolFlags"/> list
    /// every accepted spelling as "canonical|alias|alias" (e.g. "--env|-e").</summary>
    public static CliArgs Parse(IReadOnlyList<string> args, string[] valueFlags, string[] boolFlags, bool stopAtPositional = false)
    {
        var values = Aliases(valueFlags);
        var bools = Aliases(boolFlags);
        var result = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") { result.Positional.AddRange(args.Skip(i + 1)); break; }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (stopAtPositional) { result.Positional.AddRange(args.Skip(i)); break; }
                result.Positional.Add(arg);
                continue;
            }
            var eq = arg.IndexOf('=');
            var flag = eq > 0 ? arg[..eq] : arg;
            if (values.TryGetValue(flag, out var canonical))
            {
                string value;
                if (eq > 0) value = arg[(eq + 1)..];
                else if (i + 1 < args.Count) value = args[++i];
                else throw new CliException($"flag needs an argument: {flag}");
                result.Add(canonical, value);
            }
            else if (bools.TryGetValue(flag, out canonical))
            {
                if (eq > 0 && arg[(eq + 1)..] is "false" or "0") continue;
                result._bools.Add(canonical);
            }
            else if (flag[1] != '-' && flag.Length > 2 && flag.Skip(1).All(c => bools.ContainsKey("-" + c)))
            {
                foreach (var c in flag.Skip(1)) result._bools.Add(bools["-" + c]);
            }
            else throw new CliException($"unknown flag: {flag}");
        }
        return result;
    }

    public bool Has(string flag) => _bools.Contains(flag);

    public string? Value(string flag) => _values.TryGetValue(flag, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string flag) => _values.TryGetValue(flag, out var list) ? list : [];

    public int? Int(string flag) => Value(flag) is { } text
        ? int.TryParse(text, out var value) ? value : throw new CliException($"invalid value \"{text}\" for flag {flag}: not a number")
        : null;

    private void Add(string flag, string value)
    {
        if (!_values.TryGetValue(flag, out var list)) _values[flag] = list = new List<string>();
        list.Add(value);
    }

    private static Dictionary<string, string> Aliases(string[] specs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var names = spec.Split('|');
            foreach (var name in names) map[name] = names[0];
        }
        return map;
    }
}
