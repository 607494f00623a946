using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth system prune [-a] [-f] [--volumes] [--filter until=…|label=…]</c>, as docker's CLI does it:
/// the same warning and prompt, then the container, network, (volume,) image and build-cache prune
/// routes in that order with the same filters, each section printed, then the space reclaimed in all.
/// </summary>
internal static class SystemPruneCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextReader input)
    {
        var parsed = CliArgs.Parse(args, ["--filter"], ["--force|-f", "--all|-a", "--volumes"]);
        if (parsed.Positional.Count > 0) throw new CliException("\"berth system prune\" accepts no arguments.");
        var filters = parsed.Values("--filter");
        var volumes = parsed.Has("--volumes");
        var all = parsed.Has("--all");
        // docker's own check: volume prune knows no until, so the daemon would refuse half-way through.
        if (volumes && filters.Any(f => f.Split('=', 2)[0] == "until"))
            throw new CliException("ERROR: The \"until\" filter is not supported with \"--volumes\"");
        if (!await PruneVerbs.Confirm(parsed, output, input, Warning(all, volumes, filters))) return 0;

        var query = PruneVerbs.Filters(filters);
        var containers = await client.PostJsonAsync("/containers/prune" + query, null, ApiJson.Default.ApiContainerPrune);
        await Section(output, "Deleted Containers:", containers.ContainersDeleted);
        var networks = await client.PostJsonAsync("/networks/prune" + query, null, ApiJson.Default.ApiNetworksPruned);
        await Section(output, "Deleted Networks:", networks.NetworksDeleted);
        long reclaimed = containers.SpaceReclaimed;
        if (volumes)
        {
            var pruned = await client.PostJsonAsync("/volumes/prune" + query, null, ApiJson.Default.ApiVolumePrune);
            await Section(output, "Deleted Volumes:", pruned.VolumesDeleted);
            reclaimed += pruned.SpaceReclaimed;
        }
        var imageQuery = PruneVerbs.Filters([.. filters, all ? "dangling=false" : "dangling=true"]);
        var images = await client.PostJsonAsync("/images/prune" + imageQuery, null, ApiJson.Default.ApiImagePrune);
        await Section(output, "Deleted Images:", [.. images.ImagesDeleted.Select(i => i.Untagged is { } u ? $"untagged: {u}" : $"deleted: {i.Deleted}")]);
        var cacheQuery = query.Length == 0 ? (all ? "?all=1" : "") : query + (all ? "&all=1" : "");
        var cache = await client.PostJsonAsync("/build/prune" + cacheQuery, null, ApiJson.Default.ApiBuildCachePrune);
        await Section(output, "Deleted build cache objects:", cache.CachesDeleted);
        reclaimed += images.SpaceReclaimed + cache.SpaceReclaimed;
        await output.WriteLineAsync($"Total reclaimed space: {Units.Human(reclaimed)}");
        return 0;
    }

    /// <summary>docker's warning for <c>system prune</c> (the filters listed when given), up to its closing question.</summary>
    internal static string Warning(bool all, bool volumes, IReadOnlyList<string> filters)
    {
        List<string> items = ["all stopped containers", "all networks not used by at least one container"];
        if (volumes) items.Add("all anonymous volumes not used by at least one container");
        items.Add(all ? "all images without at least one container associated to them" : "all dangling images");
        items.Add(all ? "all build cache" : "unused build cache");
        var text = "WARNING! This will remove:" + string.Concat(items.Select(i => "\n  - " + i)) + "\n";
        // docker lists only these three filters, in natural order.
        var shown = filters.Where(f => f.Split('=', 2)[0] is "label" or "label!" or "until").Order(StringComparer.Ordinal).ToList();
        if (shown.Count > 0)
            text += "\n  Items to be pruned will be filtered with:" + string.Concat(shown.Select(f => "\n  - " + f)) + "\n";
        return text; // Confirm adds "\nAre you sure you want to continue? [y/N] ", leaving docker's blank line
    }

    /// <summary>A section as docker prints it: heading, one line a row, a blank line; nothing when empty.</summary>
    private static async Task Section(TextWriter output, string heading, IReadOnlyList<string> rows)
    {
        if (rows.Count == 0) return;
        await output.WriteLineAsync(heading);
        foreach (var row in rows) await output.WriteLineAsync(row);
        await output.WriteLineAsync();
    }
}
