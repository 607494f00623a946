using System.Net.Http.Json;
using System.Text.Json;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth create</c>: docker create's flags, turned into a Docker create body.</summary>
internal static class CreateCommand
{
    public static readonly string[] ValueFlags =
    [
        "--name", "--env|-e", "--workdir|-w", "--user|-u", "--hostname|-h", "--restart", "--entrypoint", "--network|--net",
        "--runtime", "--label|-l", "--stop-signal", "--stop-timeout", "--cap-add", "--cap-drop", "--publish|-p", "--volume|-v",
        "--domainname",
        .. SpecFlags.ValueFlags,
        .. NetworkFlags.ValueFlags,
        .. HealthFlags.ValueFlags,
    ];

    public static readonly string[] BoolFlags = ["--rm", "--tty|-t", "--interactive|-i", "--read-only", "--privileged", "--init", HealthFlags.NoHealthcheck, .. NetworkFlags.BoolFlags];

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var parsed = CliArgs.Parse(args, ValueFlags, BoolFlags, stopAtPositional: true);
        var id = await CreateAsync(client, parsed);
        await output.WriteLineAsync(id);
        return 0;
    }

    /// <summary>Creates the container the parsed flags describe; returns its id.</summary>
    public static async Task<string> CreateAsync(ApiClient client, CliArgs parsed, bool stdinOnce = false)
    {
        if (parsed.Positional.Count == 0) throw new CliException("\"create\" requires at least 1 argument: IMAGE [COMMAND] [ARG...]");
        var body = Body(parsed, stdinOnce);
        var name = parsed.Value("--name");
        var path = "/containers/create" + (name is null ? "" : "?name=" + ApiClient.Query(name));
        var content = JsonContent.Create(body, ApiJson.Default.JsonElement);
        var created = await client.PostJsonAsync(path, content, ApiJson.Default.ApiCreateResponse);
        return created.Id;
    }

    private static JsonElement Body(CliArgs a, bool stdinOnce)
    {
        var config = new ApiContainerConfig
        {
            Image = a.Positional[0],
            Cmd = a.Positional.Count > 1 ? a.Positional.Skip(1).ToList() : null,
            Entrypoint = a.Value("--entrypoint") is { } ep ? (ep.Length == 0 ? [] : [ep]) : null,
            Env = a.Values("--env").Count > 0 ? a.Values("--env").ToList() : null,
            WorkingDir = a.Value("--workdir"),
            User = a.Value("--user"),
            Hostname = a.Value("--hostname"),
            Domainname = a.Value("--domainname"),
            Tty = a.Has("--tty"),
            OpenStdin = a.Has("--interactive"),
            AttachStdin = a.Has("--interactive"),
            // docker run -i: the attached client's EOF is the container's (run's -i/-t/-a live in RunCommand).
            StdinOnce = stdinOnce,
            Labels = Labels(a.Values("--label")),
            StopSignal = a.Value("--stop-signal"),
            StopTimeout = a.Int("--stop-timeout"),
            Healthcheck = HealthFlags.Parse(a),
        };
        var host = new ApiHostConfig
        {
            AutoRemove = a.Has("--rm"),
            RestartPolicy = RestartFlag.Parse(a.Value("--restart") ?? "no"),
            NetworkMode = a.Value("--network"),
            ReadonlyRootfs = a.Has("--read-only"),
            Privileged = a.Has("--privileged"),
            Runtime = a.Value("--runtime"),
            CapAdd = a.Values("--cap-add").Count > 0 ? a.Values("--cap-add").ToList() : null,
            CapDrop = a.Values("--cap-drop").Count > 0 ? a.Values("--cap-drop").ToList() : null,
            Init = a.Has("--init") ? true : null,
            Binds = a.Values("--volume").Count > 0 ? a.Values("--volume").ToList() : null,
            // As docker: a TTY starts at the client's size, so output before the first resize is laid out right.
            ConsoleSize = a.Has("--tty") && AttachedSession.TerminalSize() is { } size ? [size.Height, size.Width] : null,
        };
        host = SpecFlags.Apply(a, host);
        // Docker's create body is the config object with HostConfig embedded in it.
        var node = JsonSerializer.SerializeToNode(config, ApiJson.Default.ApiContainerConfig)!.AsObject();
        node["HostConfig"] = JsonSerializer.SerializeToNode(host, ApiJson.Default.ApiHostConfig);
        NetworkFlags.Apply(a, node);
        return JsonSerializer.SerializeToElement(node, ApiJson.Default.JsonNode);
    }

    private static Dictionary<string, string>? Labels(IReadOnlyList<string> labels) => labels.Count == 0
        ? null
        : labels.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
