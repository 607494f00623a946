using System.Globalization;

namespace Berth.Supervisor.Cli;

/// <summary>Docker's size units: decimal <c>HumanSize</c> ("1.98MB") and binary <c>BytesSize</c> ("504KiB"), 4 significant digits.</summary>
internal static class Units
{
    public static string Human(double bytes) => Format(bytes, 1000, ["B", "kB", "MB", "GB", "TB", "PB"]);

    public static string Binary(double bytes) => Format(bytes, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]);

    private static string Format(double value, double step, string[] units)
    {
        var unit = 0;
        while (value >= step && unit < units.Length - 1) { value /= step; unit++; }
        return value.ToString("G4", CultureInfo.InvariantCulture) + units[unit];
    }
}
