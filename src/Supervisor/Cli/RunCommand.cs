using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth run</c>: create, then (unless <c>-d</c>) attach, register the wait, start, stream the
/// container's stdio (<c>-i</c> stdin, <c>-t</c> a raw local terminal, <c>-a</c> which streams) and exit
/// with its exit code, as docker run does. Daemon errors exit 125; a command that
/// cannot be found or executed exits 127 or 126.
/// </summary>
internal static class RunCommand
{
    // run's own flags, apart from create's: -d, and -a/--detach-keys for the attached streams.
    private static readonly string[] RunValueFlags = ["--attach|-a", "--detach-keys"];

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var parsed = CliArgs.Parse(args, [.. CreateCommand.ValueFlags, .. RunValueFlags], [.. CreateCommand.BoolFlags, "--detach|-d"], stopAtPositional: true);
        var detach = parsed.Has("--detach");
        var interactive = parsed.Has("--interactive");
        string id;
        try
        {
            id = await CreateCommand.CreateAsync(client, parsed, stdinOnce: interactive && !detach);
        }
        catch (ApiException error)
        {
            await errors.WriteLineAsync($"berth: Error response from daemon: {error.Message}");
            return 125;
        }
        if (detach)
        {
            if (await StartAsync(client, id, errors) is { } failed) return failed;
            await output.WriteLineAsync(id);
            return 0;
        }
        var streams = parsed.Values("--attach").Select(s => s.ToLowerInvariant()).ToHashSet();
        bool Wants(string stream) => streams.Count == 0 ? stream != "stdin" || interactive : streams.Contains(stream);
        var query = $"/containers/{id}/attach?stream=1&stdin={Bit(Wants("stdin"))}&stdout={Bit(Wants("stdout"))}&stderr={Bit(Wants("stderr"))}";
        // Like docker: attach, then register the wait (its 200 header received), then start — no output and no exit is missed.
        await using var hijack = await HijackClient.OpenAsync(client.SocketPath, query, null);
        using var wait = await client.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition={(parsed.Has("--rm") ? "removed" : "next-exit")}");
        if (await StartAsync(client, id, errors) is { } code)
        {
            // As docker: with --rm, return once the daemon has removed what the failed start left.
            if (parsed.Has("--rm")) await wait.Content.ReadAsByteArrayAsync();
            return code;
        }
        await AttachedSession.RunAsync(hijack, parsed.Has("--tty"), Wants("stdin"), (h, w) => client.PostAsync($"/containers/{id}/resize?h={h}&w={w}"));
        var result = await System.Text.Json.JsonSerializer.DeserializeAsync(await wait.Content.ReadAsStreamAsync(), ApiJson.Default.ApiWaitResponse);
        return result?.StatusCode ?? 125;
    }

    private static int Bit(bool value) => value ? 1 : 0;

    private static async Task<int?> StartAsync(ApiClient client, string id, TextWriter errors)
    {
        try
        {
            await client.PostAsync($"/containers/{id}/start");
            return null;
        }
        catch (ApiException error)
        {
            await errors.WriteLineAsync($"berth: Error response from daemon: {error.Message}");
            // docker's own rule, by the daemon's words: runc's (and berth's) "exec: …" errors name the cause.
            var message = error.Message;
            return message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ? 127
                : message.Contains("permission denied", StringComparison.Ordinal) || message.Contains("is a directory", StringComparison.Ordinal) ? 126
                : 125;
        }
    }
}
