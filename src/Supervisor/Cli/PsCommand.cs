using System.Text.Json;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth ps</c>: docker ps's table, <c>-a</c>, <c>-q</c>, <c>-n</c>, <c>-l</c>, <c>--no-trunc</c>, <c>--format</c>.</summary>
internal static class PsCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--last|-n", "--format"], ["--all|-a", "--quiet|-q", "--latest|-l", "--no-trunc"]);
        var last = a.Has("--latest") ? 1 : a.Int("--last") ?? -1;
        var all = a.Has("--all") || last > 0;
        var rows = await client.GetJsonAsync($"/containers/json?all={(all ? 1 : 0)}" + (last > 0 ? $"&limit={last}" : ""),
            ApiJson.Default.ListApiContainerSummary);
        var full = a.Has("--no-trunc");
        if (a.Has("--quiet"))
        {
            foreach (var row in rows) await output.WriteLineAsync(full ? row.Id : row.Id[..12]);
            return 0;
        }
        if (a.Value("--format") is { } format && format != "table")
        {
            foreach (var row in rows)
                await output.WriteLineAsync(GoTemplate.Render(format, JsonSerializer.SerializeToElement(row, ApiJson.Default.ApiContainerSummary)));
            return 0;
        }
        var table = new TableWriter("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        var now = DateTimeOffset.UtcNow;
        foreach (var row in rows)
        {
            var command = full || row.Command.Length <= 20 ? row.Command : row.Command[..19] + "…";
            table.Add(full ? row.Id : row.Id[..12], row.Image, $"\"{command}\"",
                HumanDuration.Format(now - DateTimeOffset.FromUnixTimeSeconds(row.Created)) + " ago",
                row.Status, Ports(row.Ports), string.Join(',', row.Names.Select(n => n.TrimStart('/'))));
        }
        table.WriteTo(output);
        return 0;
    }

    private static string Ports(List<ApiPort> ports) => string.Join(", ", ports.Select(p =>
        p.PublicPort is { } pub ? $"{p.IP}:{pub}->{p.PrivatePort}/{p.Type}" : $"{p.PrivatePort}/{p.Type}"));
}
