using System.Globalization;

namespace Berth.Bench;

/// <summary>Prints measurements as an aligned table, one row as soon as it is measured.</summary>
internal sealed class ResultTable
{
    private const string Format = "{0,-38} {1,-58} {2,34} {3,13} {4,5}";

    public void Header()
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, "scenario", "setting", "figure", "target", ""));
        Console.WriteLine(new string('-', 152));
    }

    public void Row(string scenario, string setting, string figure, string target, bool? met) =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Format, scenario, setting, figure, target,
            met switch { true => "ok", false => "MISS", null => "" }));

    /// <summary>Median of the runs, with the range when there was more than one.</summary>
    public static string Figure(IReadOnlyList<double> runs, string unit, string number)
    {
        var sorted = runs.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var text = median.ToString(number, CultureInfo.InvariantCulture) + " " + unit;
        return sorted.Count == 1 ? text
            : $"{text} ({sorted[0].ToString(number, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(number, CultureInfo.InvariantCulture)})";
    }

    public static double Median(IReadOnlyList<double> runs) => runs.Order().ElementAt(runs.Count / 2);
}
