using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth volume create | ls | inspect | rm | prune</c>, with docker's flags and output.</summary>
internal static class VolumeVerbs
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, TypeInfoResolver = ApiJson.Default };

    public static Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var rest = args.Skip(1).ToList();
        return (args.Count > 0 ? args[0] : "") switch
        {
            "create" => Create(client, rest, output),
            "ls" or "list" => List(client, rest, output),
            "inspect" => Inspect(client, rest, output, errors),
            "rm" or "remove" => Remove(client, rest, output, errors),
            "prune" => Prune(client, rest, output),
            var other => throw new CliException($"berth volume: unknown command '{other}'\nUsage: berth volume create|ls|inspect|rm|prune"),
        };
    }

    private static async Task<int> Create(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--name", "--driver|-d", "--label", "--opt|-o"], []);
        var body = new ApiVolumeCreate(a.Value("--name") ?? a.Positional.FirstOrDefault(), a.Value("--driver"), Pairs(a.Values("--opt")), Pairs(a.Values("--label")));
        var volume = await client.PostJsonAsync("/volumes/create", JsonContent.Create(body, ApiJson.Default.ApiVolumeCreate), ApiJson.Default.ApiVolume);
        await output.WriteLineAsync(volume.Name);
        return 0;
    }

    private static async Task<int> List(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--filter|-f"], ["--quiet|-q"]);
        var filters = a.Values("--filter").Select(f => f.Split('=', 2)).GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Select(p => p.Length > 1 ? p[1] : "").ToList());
        var query = filters.Count == 0 ? "" : "?filters=" + ApiClient.Query(JsonSerializer.Serialize(filters, ApiJson.Default.DictionaryStringListString));
        var list = await client.GetJsonAsync("/volumes" + query, ApiJson.Default.ApiVolumeList);
        if (a.Has("--quiet"))
        {
            foreach (var v in list.Volumes) await output.WriteLineAsync(v.Name);
            return 0;
        }
        var table = new TableWriter();
        table.Add("DRIVER", "VOLUME NAME");
        foreach (var v in list.Volumes) table.Add(v.Driver, v.Name);
        table.WriteTo(output);
        return 0;
    }

    private static async Task<int> Inspect(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count == 0) throw new CliException("\"volume inspect\" requires at least 1 argument");
        var found = new List<ApiVolume>();
        var failed = false;
        foreach (var name in args)
        {
            try
            {
                found.Add(await client.GetJsonAsync($"/volumes/{ApiClient.Query(name)}", ApiJson.Default.ApiVolume));
            }
            catch (ApiException error)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        await output.WriteLineAsync(JsonSerializer.Serialize(found, (JsonTypeInfo<List<ApiVolume>>)Indented.GetTypeInfo(typeof(List<ApiVolume>))));
        return failed ? 1 : 0;
    }

    private static async Task<int> Remove(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, [], ["--force|-f"]);
        if (a.Positional.Count == 0) throw new CliException("\"volume rm\" requires at least 1 argument");
        var failed = false;
        foreach (var name in a.Positional)
        {
            try
            {
                await client.DeleteAsync($"/volumes/{ApiClient.Query(name)}" + (a.Has("--force") ? "?force=1" : ""));
                await output.WriteLineAsync(name);
            }
            catch (ApiException error)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    private static async Task<int> Prune(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        // No prompt: berth's CLI is non-interactive; -f is accepted for docker's scripts.
        var a = CliArgs.Parse(args, [], ["--force|-f", "--all|-a"]);
        var query = a.Has("--all") ? "?filters=" + ApiClient.Query("{\"all\":[\"true\"]}") : "";
        var pruned = await client.PostJsonAsync("/volumes/prune" + query, null, ApiJson.Default.ApiVolumePrune);
        if (pruned.VolumesDeleted.Count > 0)
        {
            await output.WriteLineAsync("Deleted Volumes:");
            foreach (var name in pruned.VolumesDeleted) await output.WriteLineAsync(name);
            await output.WriteLineAsync();
        }
        await output.WriteLineAsync($"Total reclaimed space: {HumanSize(pruned.SpaceReclaimed)}");
        return 0;
    }

    private static Dictionary<string, string>? Pairs(IReadOnlyList<string> values) => values.Count == 0
        ? null
        : values.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    /// <summary>docker's decimal sizes: "0B", "1.5kB", "12.3MB".</summary>
    private static string HumanSize(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return unit == 0 ? $"{bytes}B" : $"{value:0.###}{units[unit]}";
    }
}
