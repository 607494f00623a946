using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth ps</c>: docker ps's table, <c>-a</c>, <c>-q</c>, <c>-n</c>, <c>-l</c>, <c>-s</c>, <c>--filter</c>, <c>--no-trunc</c>, <c>--format</c>.</summary>
internal static class PsCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--last|-n", "--format", "--filter|-f"], ["--all|-a", "--quiet|-q", "--latest|-l", "--no-trunc", "--size|-s"]);
        var last = a.Has("--latest") ? 1 : a.Int("--last") ?? -1;
        var all = a.Has("--all") || last > 0;
        var filters = PruneVerbs.FilterParameter(a.Values("--filter"));
        var query = $"/containers/json?all={(all ? 1 : 0)}" + (last > 0 ? $"&limit={last}" : "") + (a.Has("--size") ? "&size=1" : "")
            + (filters.Length > 0 ? "&" + filters : "");
        var rows = await client.GetJsonAsync(query,
            ApiJson.Default.ListApiContainerSummary);
        var full = a.Has("--no-trunc");
        if (a.Has("--quiet"))
        {
            foreach (var row in rows) await output.WriteLineAsync(full ? row.Id : row.Id[..12]);
            return 0;
        }
        var now = DateTimeOffset.UtcNow;
        if (a.Value("--format") is { } format && format != "table")
        {
            foreach (var row in rows)
                await output.WriteLineAsync(GoTemplate.Render(format, PsFormatRow.Of(row, full, now).ToTemplateData()));
            return 0;
        }
        var size = a.Has("--size");
        var table = new TableWriter(["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES", .. size ? ["SIZE"] : Array.Empty<string>()]);
        foreach (var r in rows.Select(row => PsFormatRow.Of(row, full, now)))
            table.Add([r.ID, r.Image, r.Command, r.RunningFor, r.Status, r.Ports, r.Names, .. size ? [r.Size] : Array.Empty<string>()]);
        table.WriteTo(output);
        return 0;
    }
}
