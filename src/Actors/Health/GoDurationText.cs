using System.Globalization;

namespace Berth.Actors.Health;

/// <summary>A duration as Go's <c>time.Duration.String</c> prints it (<c>200ms</c>, <c>30s</c>, <c>1m30s</c>), for Docker's
/// "Health check exceeded timeout (30s)".</summary>
public static class GoDurationText
{
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        if (d < TimeSpan.FromMicroseconds(1)) return (d.Ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns";
        if (d < TimeSpan.FromMilliseconds(1)) return Number(d.TotalMicroseconds) + "µs";
        if (d < TimeSpan.FromSeconds(1)) return Number(d.TotalMilliseconds) + "ms";
        var text = "";
        var hours = (long)d.TotalHours;
        if (hours > 0) text += hours.ToString(CultureInfo.InvariantCulture) + "h";
        if (hours > 0 || d.Minutes > 0) text += d.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        var seconds = d - TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(d.Minutes);
        return text + Number(seconds.TotalSeconds) + "s";
    }

    private static string Number(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
