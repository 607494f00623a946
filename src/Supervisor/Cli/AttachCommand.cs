using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth attach [--no-stdin] CONTAINER</c> and <c>berth start -a [-i] CONTAINER</c>: the container's
/// stdio on this terminal until it exits; the exit code is the container's, as docker's.
/// </summary>
internal static class AttachCommand
{
    public static async Task<int> AttachAsync(ApiClient client, IReadOnlyList<string> args)
    {
        var a = CliArgs.Parse(args, ["--detach-keys"], ["--no-stdin", "--sig-proxy"]);
        if (a.Positional.Count != 1) throw new CliException("\"attach\" requires exactly 1 argument: CONTAINER");
        var inspect = await Inspect(client, a.Positional[0]);
        if (!inspect.State.Running) throw new CliException("You cannot attach to a stopped container, start it first");
        if (inspect.State.Paused) throw new CliException("You cannot attach to a paused container, unpause it first");
        return await SessionAsync(client, inspect, stdin: inspect.Config.OpenStdin && !a.Has("--no-stdin"), start: false);
    }

    public static async Task<int> StartAttachedAsync(ApiClient client, IReadOnlyList<string> args)
    {
        var a = CliArgs.Parse(args, ["--detach-keys"], ["--attach|-a", "--interactive|-i"]);
        if (a.Positional.Count != 1) throw new CliException("you cannot start and attach multiple containers at once");
        var inspect = await Inspect(client, a.Positional[0]);
        return await SessionAsync(client, inspect, stdin: a.Has("--interactive") && inspect.Config.OpenStdin, start: true);
    }

    /// <summary>Attach (before a start, so no output is missed), optionally start, stream, then the exit code.</summary>
    internal static async Task<int> SessionAsync(ApiClient client, ApiContainerInspect inspect, bool stdin, bool start,
        bool stdout = true, bool stderr = true, string? waitCondition = null)
    {
        var id = inspect.Id;
        var query = $"/containers/{id}/attach?stream=1&stdin={(stdin ? 1 : 0)}&stdout={(stdout ? 1 : 0)}&stderr={(stderr ? 1 : 0)}";
        await using var hijack = await HijackClient.OpenAsync(client.SocketPath, query, null);
        using var wait = await client.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition={waitCondition ?? "next-exit"}");
        if (start) await client.PostAsync($"/containers/{id}/start");
        var tty = inspect.Config.Tty;
        await AttachedSession.RunAsync(hijack, tty, stdin, (h, w) => client.PostAsync($"/containers/{id}/resize?h={h}&w={w}"));
        var result = await System.Text.Json.JsonSerializer.DeserializeAsync(await wait.Content.ReadAsStreamAsync(), ApiJson.Default.ApiWaitResponse);
        return result?.StatusCode ?? 125;
    }

    private static Task<ApiContainerInspect> Inspect(ApiClient client, string reference) =>
        client.GetJsonAsync($"/containers/{ApiClient.Query(reference)}/json", ApiJson.Default.ApiContainerInspect);
}
