using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth volume create | ls | inspect | rm | prune</c>, with docker's flags and output.</summary>
internal static class VolumeVerbs
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, TypeInfoResolver = ApiJson.Default };

    public static Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors, TextReader input)
    {
        var rest = args.Skip(1).ToList();
        return (args.Count > 0 ? args[0] : "") switch
        {
            "create" => Create(client, rest, output),
            "ls" or "list" => List(client, rest, output),
            "inspect" => Inspect(client, rest, output, errors),
            "rm" or "remove" => Remove(client, rest, output, errors),
            "prune" => Prune(client, rest, output, input),
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

    private static async Task<int> Prune(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        var a = CliArgs.Parse(args, ["--filter"], ["--force|-f", "--all|-a"]);
        var warning = a.Has("--all") ? "WARNING! This will remove all local volumes not used by at least one container."
            : "WARNING! This will remove anonymous local volumes not used by at least one container.";
        if (!await PruneVerbs.Confirm(a, output, input, warning)) return 0;
        var filters = a.Has("--all") ? a.Values("--filter").Append("all=true").ToList() : a.Values("--filter");
        var pruned = await client.PostJsonAsync("/volumes/prune" + PruneVerbs.Filters(filters), null, ApiJson.Default.ApiVolumePrune);
        await PruneVerbs.Section(output, "Deleted Volumes:", pruned.VolumesDeleted);
        await output.WriteLineAsync($"Total reclaimed space: {Units.Human(pruned.SpaceReclaimed)}");
        return 0;
    }

    private static Dictionary<string, string>? Pairs(IReadOnlyList<string> values) => values.Count == 0
        ? null
        : values.Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
