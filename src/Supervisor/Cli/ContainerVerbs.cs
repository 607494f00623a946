using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The verbs that act on one or more containers by reference (start, stop, restart, kill, rm, pause,
/// unpause, rename, wait). Like docker, each reference is tried; failures are reported and the exit
/// code is 1 if any failed.
/// </summary>
internal static class ContainerVerbs
{
    public static Task<int> Start(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, [], [], "start", e, async (r, _) => { await c.PostAsync($"/containers/{Q(r)}/start"); await o.WriteLineAsync(r); });

    public static Task<int> Stop(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, ["--time|-t", "--signal|-s"], [], "stop", e, async (r, a) =>
        {
            await c.PostAsync($"/containers/{Q(r)}/stop{Query(("t", a.Value("--time")), ("signal", a.Value("--signal")))}");
            await o.WriteLineAsync(r);
        });

    public static Task<int> Restart(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, ["--time|-t"], [], "restart", e, async (r, a) =>
        {
            await c.PostAsync($"/containers/{Q(r)}/restart{Query(("t", a.Value("--time")))}");
            await o.WriteLineAsync(r);
        });

    public static Task<int> Kill(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, ["--signal|-s"], [], "kill", e, async (r, a) =>
        {
            await c.PostAsync($"/containers/{Q(r)}/kill{Query(("signal", a.Value("--signal")))}");
            await o.WriteLineAsync(r);
        });

    public static Task<int> Remove(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, [], ["--force|-f", "--volumes|-v"], "rm", e, async (r, a) =>
        {
            await c.DeleteAsync($"/containers/{Q(r)}{Query(("force", a.Has("--force") ? "1" : null), ("v", a.Has("--volumes") ? "1" : null))}");
            await o.WriteLineAsync(r);
        });

    public static Task<int> Pause(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, [], [], "pause", e, async (r, _) => { await c.PostAsync($"/containers/{Q(r)}/pause"); await o.WriteLineAsync(r); });

    public static Task<int> Unpause(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, [], [], "unpause", e, async (r, _) => { await c.PostAsync($"/containers/{Q(r)}/unpause"); await o.WriteLineAsync(r); });

    public static Task<int> Wait(ApiClient c, IReadOnlyList<string> args, TextWriter o, TextWriter e) =>
        Each(args, [], [], "wait", e, async (r, _) =>
        {
            var result = await c.PostJsonAsync($"/containers/{Q(r)}/wait", null, ApiJson.Default.ApiWaitResponse);
            if (result.Error is { } error && result.StatusCode < 0) throw new ApiException(500, error.Message);
            await o.WriteLineAsync(result.StatusCode.ToString());
        });

    public static async Task<int> Rename(ApiClient c, IReadOnlyList<string> args)
    {
        if (args.Count != 2) throw new CliException("\"rename\" requires exactly 2 arguments: CONTAINER NEW_NAME");
        await c.PostAsync($"/containers/{Q(args[0])}/rename?name={Q(args[1])}");
        return 0;
    }

    private static async Task<int> Each(
        IReadOnlyList<string> args, string[] valueFlags, string[] boolFlags, string verb, TextWriter errors,
        Func<string, CliArgs, Task> act)
    {
        var parsed = CliArgs.Parse(args, valueFlags, boolFlags);
        if (parsed.Positional.Count == 0) throw new CliException($"\"{verb}\" requires at least 1 argument");
        var failed = false;
        foreach (var reference in parsed.Positional)
        {
            try
            {
                await act(reference, parsed);
            }
            catch (ApiException error)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    private static string Q(string value) => ApiClient.Query(value);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Q(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
