namespace Berth.Torture;

/// <summary>The daemon's own log lines (under its data root) that mention a container, for a violation's report.</summary>
internal static class DaemonLog
{
    public static IReadOnlyList<string> LinesAbout(TortureRoots roots, string text, int max)
    {
        if (!Directory.Exists(roots.LogDirectory)) return [];
        var lines = new List<string>();
        foreach (var file in Directory.GetFiles(roots.LogDirectory, "berth-*.log").Order())
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
                if (line.Contains(text, StringComparison.Ordinal)) lines.Add(line.Length > 400 ? line[..400] : line);
        }
        return lines.TakeLast(max).ToList();
    }
}
