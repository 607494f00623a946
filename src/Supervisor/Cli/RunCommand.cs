using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth run</c>: create, then (unless <c>-d</c>) register the wait, start, stream the container's
/// output and exit with its exit code, as docker run does. Daemon errors exit 125; a command that
/// cannot be found or executed exits 127 or 126.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var parsed = CliArgs.Parse(args, CreateCommand.ValueFlags, [.. CreateCommand.BoolFlags, "--detach|-d"], stopAtPositional: true);
        if (parsed.Has("--interactive"))
            throw new CliException("berth run: -i (attaching stdin) is not supported yet; use -d and 'berth logs -f'", 125);
        string id;
        try
        {
            id = await CreateCommand.CreateAsync(client, parsed);
        }
        catch (ApiException error)
        {
            await errors.WriteLineAsync($"berth: Error response from daemon: {error.Message}");
            return 125;
        }
        if (parsed.Has("--detach"))
        {
            if (await StartAsync(client, id, errors) is { } failed) return failed;
            await output.WriteLineAsync(id);
            return 0;
        }
        var condition = parsed.Has("--rm") ? "removed" : "next-exit";
        // Like docker: the wait is registered (its 200 header received) before the start, so no exit is missed.
        using var wait = await client.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition={condition}");
        if (await StartAsync(client, id, errors) is { } code) return code;
        await LogsCommand.FollowAsync(client, id, "stdout=1&stderr=1&follow=1");
        var result = await System.Text.Json.JsonSerializer.DeserializeAsync(await wait.Content.ReadAsStreamAsync(), ApiJson.Default.ApiWaitResponse);
        return result?.StatusCode ?? 125;
    }

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
            var message = error.Message;
            return message.Contains("not found", StringComparison.OrdinalIgnoreCase) || message.Contains("no such file", StringComparison.OrdinalIgnoreCase) ? 127
                : message.Contains("permission denied", StringComparison.OrdinalIgnoreCase) ? 126
                : 125;
        }
    }
}
