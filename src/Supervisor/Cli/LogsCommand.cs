using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth logs</c>: docker logs' flags (<c>-f</c>, <c>-t</c>, <c>--tail</c>, <c>--since</c>, <c>--until</c>), stdout and stderr kept apart.</summary>
internal static class LogsCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args)
    {
        var a = CliArgs.Parse(args, ["--tail|-n", "--since", "--until"], ["--follow|-f", "--timestamps|-t", "--details"]);
        if (a.Positional.Count != 1) throw new CliException("\"logs\" requires exactly 1 argument: CONTAINER");
        var query = "stdout=1&stderr=1"
            + (a.Has("--follow") ? "&follow=1" : "") + (a.Has("--timestamps") ? "&timestamps=1" : "")
            + (a.Value("--tail") is { } tail && tail != "all" ? "&tail=" + ApiClient.Query(tail) : "")
            + (a.Value("--since") is { } since ? "&since=" + ApiClient.Query(TimeArgument(since)) : "")
            + (a.Value("--until") is { } until ? "&until=" + ApiClient.Query(TimeArgument(until)) : "");
        await FollowAsync(client, a.Positional[0], query);
        return 0;
    }

    /// <summary>Streams a container's log to this process's stdout and stderr.</summary>
    public static async Task FollowAsync(ApiClient client, string container, string query)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/containers/{ApiClient.Query(container)}/logs?{query}");
        var raw = response.Content.Headers.ContentType?.MediaType == "application/vnd.docker.raw-stream";
        await using var stdout = Console.OpenStandardOutput();
        await using var stderr = Console.OpenStandardError();
        await LogStream.CopyAsync(await response.Content.ReadAsStreamAsync(), raw, stdout, stderr);
    }

    /// <summary>Docker's --since/--until: unix seconds, an RFC 3339 time, or a duration back from now (10m, 1h30m).</summary>
    private static string TimeArgument(string text)
    {
        if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)) return text;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            return (time.ToUnixTimeMilliseconds() / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (GoDuration.TryParse(text, out var ago))
            return ((DateTimeOffset.UtcNow - ago).ToUnixTimeMilliseconds() / 1000m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new CliException($"invalid value for time: {text}");
    }
}
