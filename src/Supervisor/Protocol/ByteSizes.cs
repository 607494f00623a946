using System.Globalization;

namespace Berth.Protocol;

/// <summary>docker's sizes (go-units RAMInBytes): a number with an optional b, k, m, g, t, p suffix (optionally followed by b), powers of 1024.</summary>
public static class ByteSizes
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var s = text.Trim().ToLowerInvariant();
        if (s.EndsWith("ib", StringComparison.Ordinal)) s = s[..^2];
        else if (s.Length > 1 && s.EndsWith('b') && !char.IsAsciiDigit(s[^2])) s = s[..^1];
        var shift = s.Length > 0 ? s[^1] switch { 'b' => 0, 'k' => 10, 'm' => 20, 'g' => 30, 't' => 40, 'p' => 50, _ => -1 } : -1;
        if (shift >= 0) s = s[..^1];
        else shift = 0;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0) return false;
        try
        {
            bytes = (long)(value * (1L << shift));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
