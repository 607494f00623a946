using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth container prune</c>, <c>berth image prune|history</c>, <c>berth system df|prune</c>, with docker's output.</summary>
internal static class PruneVerbs
{
    public static async Task<int> Container(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        if (args is not ["prune", ..]) throw new CliException("Usage: berth container prune [-f] [--filter until=…|label=…]");
        var parsed = CliArgs.Parse(args.Skip(1).ToList(), ["--filter"], ["--force|-f"]);
        if (!await Confirm(parsed, output, input, "WARNING! This will remove all stopped containers.")) return 0;
        var result = await client.PostJsonAsync("/containers/prune" + Filters(parsed), null, ApiJson.Default.ApiContainerPrune);
        await Section(output, "Deleted Containers:", result.ContainersDeleted);
        await output.WriteLineAsync($"Total reclaimed space: {Units.Human(result.SpaceReclaimed)}");
        return 0;
    }

    public static async Task<int> Image(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        if (args is ["history", ..]) return await History(client, args.Skip(1).ToList(), output);
        if (args is not ["prune", ..]) throw new CliException("Usage: berth image prune [-a] [-f] | berth image history IMAGE");
        var parsed = CliArgs.Parse(args.Skip(1).ToList(), ["--filter"], ["--force|-f", "--all|-a"]);
        var warning = parsed.Has("--all") ? "WARNING! This will remove all images without at least one container associated to them."
            : "WARNING! This will remove all dangling images.";
        if (!await Confirm(parsed, output, input, warning)) return 0;
        var filters = parsed.Values("--filter").Append(parsed.Has("--all") ? "dangling=false" : "dangling=true").ToList();
        var result = await client.PostJsonAsync("/images/prune" + Filters(filters), null, ApiJson.Default.ApiImagePrune);
        await Section(output, "Deleted Images:", ImageLines(result));
        await output.WriteLineAsync($"Total reclaimed space: {Units.Human(result.SpaceReclaimed)}");
        return 0;
    }

    public static async Task<int> System(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        if (args is ["prune", ..]) return await SystemPruneCommand.RunAsync(client, args.Skip(1).ToList(), output, input);
        if (args is not ["df", ..]) throw new CliException("Usage: berth system df | berth system prune [-a] [-f] [--volumes] [--filter until=…|label=…]");
        var df = await client.GetJsonAsync("/system/df", ApiJson.Default.ApiSystemDf);
        var table = new TableWriter("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        var activeImages = df.Images.Where(i => i.Containers > 0).ToList();
        var imageSize = df.LayersSize;
        var reclaimImages = imageSize - activeImages.Sum(i => i.Size - i.SharedSize) - activeImages.Select(i => i.SharedSize).DefaultIfEmpty(0).Max();
        table.Add("Images", df.Images.Count.ToString(), activeImages.Count.ToString(), Units.Human(imageSize), Reclaim(Math.Max(0, reclaimImages), imageSize));
        var running = df.Containers.Where(c => c.State is "running" or "paused" or "restarting").ToList();
        var rw = df.Containers.Sum(c => c.SizeRw ?? 0);
        var reclaimRw = df.Containers.Except(running).Sum(c => c.SizeRw ?? 0);
        table.Add("Containers", df.Containers.Count.ToString(), running.Count.ToString(), Units.Human(rw), Reclaim(reclaimRw, rw));
        table.Add("Local Volumes", df.Volumes.Count.ToString(), "0", "0B", "0B");
        table.Add("Build Cache", "0", "0", "0B", "0B");
        table.WriteTo(output);
        return 0;
    }

    internal static async Task<int> History(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var parsed = CliArgs.Parse(args, [], ["--no-trunc", "--quiet|-q", "--human|-H"]);
        if (parsed.Positional.Count != 1) throw new CliException("\"history\" requires exactly 1 argument");
        var rows = await client.GetJsonAsync($"/images/{ApiClient.Query(parsed.Positional[0])}/history", ApiJson.Default.ListApiHistoryItem);
        var table = new TableWriter("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        var now = DateTimeOffset.UtcNow;
        foreach (var row in rows)
        {
            var id = row.Id.StartsWith("sha256:", StringComparison.Ordinal) && !parsed.Has("--no-trunc") ? row.Id[7..19] : row.Id;
            var created = row.Created > 0 ? Api.Views.HumanDuration.Format(now - DateTimeOffset.FromUnixTimeSeconds(row.Created)) + " ago" : "N/A";
            var by = parsed.Has("--no-trunc") || row.CreatedBy.Length <= 45 ? row.CreatedBy : row.CreatedBy[..44] + "…";
            if (parsed.Has("--quiet")) await output.WriteLineAsync(id);
            else table.Add(id, created, by, Units.Human(row.Size), row.Comment);
        }
        if (!parsed.Has("--quiet")) table.WriteTo(output);
        return 0;
    }

    /// <summary>Docker's RECLAIMABLE cell: "1.98MB (100%)".</summary>
    private static string Reclaim(long reclaimable, long total) =>
        $"{Units.Human(reclaimable)} ({(total > 0 ? reclaimable * 100 / total : 0)}%)";

    /// <summary>docker's prompt: true with -f, else asks and takes only "y" (any case) as yes.</summary>
    internal static async Task<bool> Confirm(CliArgs parsed, TextWriter output, TextReader input, string warning)
    {
        if (parsed.Has("--force")) return true;
        await output.WriteAsync(warning + "\nAre you sure you want to continue? [y/N] ");
        // docker's prompt.Confirm takes "y" in any case and nothing else: "yes" cancels, as it does there.
        return string.Equals((await input.ReadLineAsync())?.Trim(), "y", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A prune's section as docker prints it: heading, one line a row, a blank line; nothing when empty.</summary>
    internal static async Task Section(TextWriter output, string heading, IReadOnlyList<string> rows)
    {
        if (rows.Count == 0) return;
        await output.WriteLineAsync(heading);
        foreach (var row in rows) await output.WriteLineAsync(row);
        await output.WriteLineAsync();
    }

    /// <summary>An image prune's rows: <c>untagged: REF</c> or <c>deleted: ID</c>.</summary>
    internal static IReadOnlyList<string> ImageLines(ApiImagePrune result) =>
        [.. result.ImagesDeleted.Select(i => i.Untagged is { } u ? $"untagged: {u}" : $"deleted: {i.Deleted}")];

    private static string Filters(CliArgs parsed) => Filters(parsed.Values("--filter"));

    /// <summary>--filter k=v flags as Docker's filters JSON query string (<c>?filters=…</c>; "" when none).</summary>
    internal static string Filters(IReadOnlyList<string> flags) => FilterParameter(flags) is { Length: > 0 } p ? "?" + p : "";

    /// <summary>The same as one query parameter (<c>filters=…</c>), to join with others; "" when none.</summary>
    internal static string FilterParameter(IReadOnlyList<string> flags)
    {
        if (flags.Count == 0) return "";
        var map = flags.Select(f => f.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => p.Length > 1 ? p[1] : "").ToList());
        return "filters=" + ApiClient.Query(global::System.Text.Json.JsonSerializer.Serialize(map, ApiJson.Default.DictionaryStringListString));
    }
}
