using System.Text.Json;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth load</c>, <c>import</c>, <c>images</c>, <c>tag</c>, <c>rmi</c>, as docker's.</summary>
internal static class ImageVerbs
{
    public static async Task<int> Load(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--input|-i"], ["--quiet|-q"]);
        await using var archive = a.Value("--input") is { } path ? OpenFile(path) : Console.OpenStandardInput();
        await StreamProgress(client, "/images/load" + (a.Has("--quiet") ? "?quiet=1" : ""), archive, output);
        return 0;
    }

    public static async Task<int> Import(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--change|-c", "--message|-m", "--platform"], []);
        if (a.Positional.Count is 0 or > 2) throw new CliException("\"import\" requires 1 or 2 arguments: file|- [REPOSITORY[:TAG]]");
        var query = "?fromSrc=-";
        if (a.Positional.Count == 2)
        {
            var (repo, tag) = SplitTag(a.Positional[1]);
            query += "&repo=" + ApiClient.Query(repo) + (tag is null ? "" : "&tag=" + ApiClient.Query(tag));
        }
        await using var tar = a.Positional[0] == "-" ? Console.OpenStandardInput() : OpenFile(a.Positional[0]);
        await StreamProgress(client, "/images/create" + query, tar, output);
        return 0;
    }

    public static async Task<int> List(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, ["--format"], ["--quiet|-q", "--all|-a", "--no-trunc"]);
        var images = await client.GetJsonAsync("/images/json", ApiJson.Default.ListApiImageSummary);
        string Short(string id) => a.Has("--no-trunc") ? id : id.Replace("sha256:", "")[..12];
        if (a.Has("--quiet")) { foreach (var i in images) await output.WriteLineAsync(Short(i.Id)); return 0; }
        var table = new TableWriter("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        var now = DateTimeOffset.UtcNow;
        foreach (var image in images)
        {
            var created = HumanDuration.Format(now - DateTimeOffset.FromUnixTimeSeconds(image.Created)) + " ago";
            var tags = image.RepoTags.Count > 0 ? image.RepoTags : ["<none>:<none>"];
            foreach (var repoTag in tags)
            {
                var (repo, tag) = SplitTag(repoTag);
                table.Add(repo, tag ?? "<none>", Short(image.Id), created, Size(image.Size));
            }
        }
        table.WriteTo(output);
        return 0;
    }

    public static async Task<int> Tag(ApiClient client, IReadOnlyList<string> args)
    {
        if (args.Count != 2) throw new CliException("\"tag\" requires exactly 2 arguments: SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]");
        var (repo, tag) = SplitTag(args[1]);
        await client.PostAsync($"/images/{args[0]}/tag?repo={ApiClient.Query(repo)}" + (tag is null ? "" : "&tag=" + ApiClient.Query(tag)));
        return 0;
    }

    public static async Task<int> Remove(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, [], ["--force|-f", "--no-prune"]);
        if (a.Positional.Count == 0) throw new CliException("\"rmi\" requires at least 1 argument");
        var failed = false;
        foreach (var name in a.Positional)
        {
            try
            {
                using var response = await client.SendAsync(HttpMethod.Delete, $"/images/{name}" + (a.Has("--force") ? "?force=1" : ""));
                var items = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(), ApiJson.Default.ListApiImageDeleteItem) ?? [];
                foreach (var item in items)
                    await output.WriteLineAsync(item.Untagged is { } u ? $"Untagged: {u}" : $"Deleted: {item.Deleted}");
            }
            catch (ApiException error)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    private static async Task StreamProgress(ApiClient client, string path, Stream body, TextWriter output)
    {
        using var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        using var response = await client.SendAsync(HttpMethod.Post, path, content);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0) continue;
            var progress = JsonSerializer.Deserialize(line, ApiJson.Default.ApiProgress);
            if (progress?.Stream is { } text) await output.WriteAsync(text);
            else if (progress?.Status is { } status) await output.WriteLineAsync(status);
        }
    }

    private static FileStream OpenFile(string path) =>
        File.Exists(path) ? File.OpenRead(path) : throw new CliException($"open {path}: no such file or directory");

    private static (string Repo, string? Tag) SplitTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, null);
    }

    /// <summary>Docker's human sizes: decimal units, 3 significant digits ("4.26MB").</summary>
    private static string Size(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return $"{value:0.##}{units[unit]}";
    }
}
