using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth top</c>, <c>berth stats</c>, <c>berth diff</c> and <c>berth export</c>, with docker's output.</summary>
internal static class InsightVerbs
{
    public static async Task<int> Top(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count < 1) throw new CliException("\"top\" requires at least 1 argument");
        var psArgs = args.Count > 1 ? "?ps_args=" + ApiClient.Query(string.Join(' ', args.Skip(1))) : "";
        var top = await client.GetJsonAsync($"/containers/{ApiClient.Query(args[0])}/top{psArgs}", ApiJson.Default.ApiTop);
        var table = new TableWriter([.. top.Titles]);
        foreach (var row in top.Processes) table.Add([.. row]);
        table.WriteTo(output);
        return 0;
    }

    public static async Task<int> Diff(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        if (args.Count != 1) throw new CliException("\"diff\" requires exactly 1 argument");
        var changes = await client.GetJsonAsync($"/containers/{ApiClient.Query(args[0])}/changes", ApiJson.Default.ListApiChange);
        foreach (var change in changes)
            await output.WriteLineAsync($"{(change.Kind switch { 1 => "A", 2 => "D", _ => "C" })} {change.Path}");
        return 0;
    }

    public static async Task<int> Export(ApiClient client, IReadOnlyList<string> args, Stream stdout)
    {
        var parsed = CliArgs.Parse(args, ["--output|-o"], []);
        if (parsed.Positional.Count != 1) throw new CliException("\"export\" requires exactly 1 argument");
        using var response = await client.SendAsync(HttpMethod.Get, $"/containers/{ApiClient.Query(parsed.Positional[0])}/export");
        await using var body = await response.Content.ReadAsStreamAsync();
        if (parsed.Value("--output") is { } file)
        {
            await using var target = File.Create(file);
            await body.CopyToAsync(target);
        }
        else await body.CopyToAsync(stdout);
        return 0;
    }

    /// <summary>docker stats: --no-stream prints one table; otherwise a new table every second until interrupted.</summary>
    public static async Task<int> Stats(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var parsed = CliArgs.Parse(args, [], ["--no-stream", "--all|-a", "--no-trunc"]);
        var names = parsed.Positional.ToList();
        if (names.Count == 0)
            names = (await client.GetJsonAsync(parsed.Has("--all") ? "/containers/json?all=1" : "/containers/json", ApiJson.Default.ListApiContainerSummary))
                .Select(c => c.Id).ToList();
        do
        {
            var table = new TableWriter("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS");
            foreach (var name in names)
            {
                using var response = await client.SendAsync(HttpMethod.Get, $"/containers/{ApiClient.Query(name)}/stats?stream=false");
                var s = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), ApiJson.Default.ApiStats)
                    ?? throw new CliException("empty stats answer");
                table.Add(Row(s, parsed.Has("--no-trunc")));
            }
            table.WriteTo(output);
            if (parsed.Has("--no-stream")) return 0;
        }
        while (true);
    }

    private static string[] Row(ApiStats s, bool noTrunc)
    {
        var cpuDelta = (double)s.CpuStats.CpuUsage.TotalUsage - s.PreCpuStats.CpuUsage.TotalUsage;
        var systemDelta = (double)s.CpuStats.SystemCpuUsage - s.PreCpuStats.SystemCpuUsage;
        var cpus = s.CpuStats.OnlineCpus > 0 ? s.CpuStats.OnlineCpus : Math.Max(1, s.CpuStats.CpuUsage.PerCpuUsage.Count);
        var cpu = cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
        var inactive = s.MemoryStats.Stats.GetValueOrDefault("total_inactive_file", s.MemoryStats.Stats.GetValueOrDefault("inactive_file"));
        var memory = (double)(inactive < s.MemoryStats.Usage ? s.MemoryStats.Usage - inactive : s.MemoryStats.Usage);
        var limit = (double)s.MemoryStats.Limit;
        var rx = s.Networks?.Values.Sum(n => (double)n.RxBytes) ?? 0;
        var tx = s.Networks?.Values.Sum(n => (double)n.TxBytes) ?? 0;
        double Io(string op) => s.BlkioStats.IoServiceBytesRecursive.Where(b => b.Op.Equals(op, StringComparison.OrdinalIgnoreCase)).Sum(b => (double)b.Value);
        var running = s.Read != "0001-01-01T00:00:00Z";
        return
        [
            noTrunc ? s.Id : s.Id[..Math.Min(12, s.Id.Length)], s.Name.TrimStart('/'),
            running ? $"{cpu:0.00}%" : "--",
            running ? $"{Units.Binary(memory)} / {Units.Binary(limit)}" : "-- / --",
            running ? $"{(limit > 0 ? memory / limit * 100 : 0):0.00}%" : "--",
            running ? $"{Units.Human(rx)} / {Units.Human(tx)}" : "-- / --",
            running ? $"{Units.Human(Io("read"))} / {Units.Human(Io("write"))}" : "-- / --",
            running ? s.PidsStats.Current.ToString() : "--",
        ];
    }
}
