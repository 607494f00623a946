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
        await PruneVerbs.Section(output, "Deleted Containers:", containers.ContainersDeleted);
        var networks = await client.PostJsonAsync("/networks/prune" + query, null, ApiJson.Default.ApiNetworksPruned);
        await PruneVerbs.Section(output, "Deleted Networks:", networks.NetworksDeleted);
        long reclaimed = containers.SpaceReclaimed;
        if (volumes)
        {
            var pruned = await client.PostJsonAsync("/volumes/prune" + query, null, ApiJson.Default.ApiVolumePrune);
            await PruneVerbs.Section(output, "Deleted Volumes:", pruned.VolumesDeleted);
            reclaimed += pruned.SpaceReclaimed;
        }
        var imageQuery = PruneVerbs.Filters([.. filters, all ? "dangling=false" : "dangling=true"]);
        var images = await client.PostJsonAsync("/images/prune" + imageQuery, null, ApiJson.Default.ApiImagePrune);
        await PruneVerbs.Section(output, "Deleted Images:", PruneVerbs.ImageLines(images));
        var cacheParameters = string.Join('&', new[] { PruneVerbs.FilterParameter(filters), all ? "all=1" : "" }.Where(p => p.Length > 0));
        var cacheQuery = cacheParameters.Length > 0 ? "?" + cacheParameters : "";
        var cache = await client.PostJsonAsync("/build/prune" + cacheQuery, null, ApiJson.Default.ApiBuildCachePrune);
        await PruneVerbs.Section(output, "Deleted build cache objects:", cache.CachesDeleted);
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
}
