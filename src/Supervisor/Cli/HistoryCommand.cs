using System.Globalization;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth history CONTAINER</c>: a container's whole journaled life — every fact with its time — even after
/// the container was removed or the daemon restarted. When no container answers the name, it is docker's
/// <c>history IMAGE</c> (<c>berth image history</c>), so <c>berth history busybox</c> behaves as docker's does.
/// </summary>
internal static class HistoryCommand
{
    /// <summary>Details longer than this are cut in the table unless <c>--no-trunc</c>.</summary>
    private const int DetailWidth = 60;

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        // The image flags (-q, -H) are accepted here so they reach the image history untouched.
        var parsed = CliArgs.Parse(args, ["--format"], ["--no-trunc", "--quiet|-q", "--human|-H"]);
        if (parsed.Positional.Count != 1)
            throw new CliException("\"history\" requires exactly 1 argument.\nUsage:  berth history [OPTIONS] CONTAINER|IMAGE");
        List<ApiContainerFact> facts;
        try
        {
            facts = await client.GetJsonAsync($"/containers/{ApiClient.Query(parsed.Positional[0])}/history", ApiJson.Default.ListApiContainerFact);
        }
        catch (ApiException error) when (error.Status == 404)
        {
            return await PruneVerbs.History(client, args, output);
        }
        if (parsed.Has("--quiet") || parsed.Has("--human")) throw new CliException("-q and -H apply to an image's history, not a container's");
        Render(facts, parsed.Value("--format"), parsed.Has("--no-trunc"), output);
        return 0;
    }

    /// <summary>The facts as docker-like table (<c>TIME FACT DETAIL</c>), or one <paramref name="format"/> line each.</summary>
    internal static void Render(IReadOnlyList<ApiContainerFact> facts, string? format, bool noTrunc, TextWriter output)
    {
        if (format is not null)
        {
            foreach (var fact in facts)
                output.WriteLine(GoTemplate.Render(format, JsonSerializer.SerializeToElement(fact, ApiJson.Default.ApiContainerFact)));
            return;
        }
        var table = new TableWriter("TIME", "FACT", "DETAIL");
        foreach (var fact in facts)
            table.Add(Time(fact.TimeNano), fact.Fact, noTrunc || fact.Detail.Length <= DetailWidth ? fact.Detail : fact.Detail[..(DetailWidth - 1)] + "…");
        table.WriteTo(output);
    }

    /// <summary>UTC to the millisecond: sortable, and close enough to tell a start sequence's steps apart.</summary>
    internal static string Time(long unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
