namespace Berth.Supervisor.Cli;

/// <summary>An answer's status and headers, in the order the daemon sent them.</summary>
internal sealed record ResponseHead(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
