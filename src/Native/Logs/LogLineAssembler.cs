using System.Globalization;
using System.Text;

namespace Berth.Native.Logs;

/// <summary>
/// Joins conmon's k8s-file pieces into the lines the container wrote. Pieces are kept per stream:
/// stdout and stderr interleave in one file, and a partial stdout line must not absorb stderr text.
/// </summary>
public sealed class LogLineAssembler
{
    private readonly Dictionary<string, (DateTimeOffset Time, StringBuilder Text)> _partial = new(StringComparer.Ordinal);

    /// <summary>Takes one k8s-file line; returns the whole line once its final (F) piece arrived.</summary>
    public LogEntry? Add(string line)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3) return null;
        if (!DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;
        var stream = parts[1];
        var piece = parts.Length == 4 ? parts[3] : "";
        if (!_partial.TryGetValue(stream, out var pending))
            pending = (time, new StringBuilder());
        pending.Text.Append(piece);
        if (parts[2] == "P")
        {
            _partial[stream] = pending;
            return null;
        }
        _partial.Remove(stream);
        return new LogEntry(pending.Time, stream, pending.Text + "\n");
    }

    /// <summary>What was left unfinished when the log ended: the text as written, without a newline, oldest first.</summary>
    public IReadOnlyList<LogEntry> Unfinished()
    {
        var left = _partial.Select(p => new LogEntry(p.Value.Time, p.Key, p.Value.Text.ToString()))
            .Where(e => e.Text.Length > 0).OrderBy(e => e.Time).ToList();
        _partial.Clear();
        return left;
    }
}
