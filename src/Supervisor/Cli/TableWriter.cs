namespace Berth.Supervisor.Cli;

/// <summary>Docker's table output (a tabwriter with 3 spaces of padding): columns as wide as their widest cell.</summary>
internal sealed class TableWriter(params string[] headers)
{
    private readonly List<string[]> _rows = new();

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        foreach (var row in _rows.Prepend(headers))
        {
            var line = string.Concat(row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i] + 3)));
            output.WriteLine(line.TrimEnd());
        }
    }
}
