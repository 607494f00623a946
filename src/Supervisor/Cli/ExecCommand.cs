using System.Net.Http.Json;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth exec [-i] [-t] [-d] [-e K=V] [-u USER] [-w DIR] [--privileged] CONTAINER CMD...</c>: creates an
/// exec, starts it attached (or detached with -d) and exits with its exit code, as docker exec does.
/// </summary>
internal static class ExecCommand
{
    private static readonly string[] ValueFlags = ["--env|-e", "--user|-u", "--workdir|-w", "--detach-keys"];
    private static readonly string[] BoolFlags = ["--interactive|-i", "--tty|-t", "--detach|-d", "--privileged"];

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter errors)
    {
        var a = CliArgs.Parse(args, ValueFlags, BoolFlags, stopAtPositional: true);
        if (a.Positional.Count < 2) throw new CliException("\"exec\" requires at least 2 arguments: CONTAINER COMMAND [ARG...]");
        var (detach, tty, interactive) = (a.Has("--detach"), a.Has("--tty"), a.Has("--interactive"));
        var size = tty ? AttachedSession.TerminalSize() : null;
        var config = new ApiExecConfig
        {
            AttachStdin = interactive && !detach,
            AttachStdout = !detach,
            AttachStderr = !detach,
            Tty = tty,
            Env = a.Values("--env").ToList(),
            Cmd = a.Positional.Skip(1).ToList(),
            User = a.Value("--user"),
            WorkingDir = a.Value("--workdir"),
            Privileged = a.Has("--privileged"),
            DetachKeys = a.Value("--detach-keys"),
            ConsoleSize = size is { } s ? [s.Height, s.Width] : null,
        };
        var container = ApiClient.Query(a.Positional[0]);
        var created = await client.PostJsonAsync($"/containers/{container}/exec",
            JsonContent.Create(config, ExecJson.Default.ApiExecConfig), ExecJson.Default.ApiIdResponse);
        var start = new ApiExecStart { Detach = detach, Tty = tty, ConsoleSize = config.ConsoleSize };
        if (detach)
        {
            using var _ = await client.SendAsync(HttpMethod.Post, $"/exec/{created.Id}/start", JsonContent.Create(start, ExecJson.Default.ApiExecStart));
            return 0;
        }
        await using (var hijack = await HijackClient.OpenAsync(client.SocketPath, $"/exec/{created.Id}/start",
            JsonSerializer.Serialize(start, ExecJson.Default.ApiExecStart)))
        {
            await AttachedSession.RunAsync(hijack, tty, interactive,
                (h, w) => client.PostAsync($"/exec/{created.Id}/resize?h={h}&w={w}"));
        }
        var inspect = await client.GetJsonAsync($"/exec/{created.Id}/json", ExecJson.Default.ApiExecInspect);
        return inspect.ExitCode ?? 0;
    }
}
