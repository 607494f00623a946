using Berth.Supervisor.Config;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The <c>berth</c> executable's entry: <c>berth daemon</c> execs the host agent (berth-daemon); every other verb is
/// a client of its API (socket from <c>-H</c>, then <c>BERTH_HOST</c>, then <c>DOCKER_HOST</c>).
/// Exit codes as docker's: 0 ok, 1 an error, 125 a usage or daemon error of run/create.
/// </summary>
internal static class CliMain
{
    private const string Usage = """
        Usage:  berth [-H unix:///path] COMMAND

        A container host agent with a durable event history.

        Commands:
          daemon      Run the host agent (dockerd's flags: --data-root, --exec-root, -H, --default-runtime, --log-level, --config-file)
          run         Create and start a container, attached (-i stdin, -t TTY, -a streams), exit with its code (-d: detached)
          create      Create a new container
          logs        Fetch the logs of a container (-f, -t, --tail, --since, --until)
          start       Start one or more stopped containers (-a: attached, -i: with stdin)
          attach      Attach local stdin, stdout and stderr to a running container
          exec        Run a command in a running container (-i, -t, -d, -e, -u, -w, --privileged)
          stop        Stop one or more running containers
          restart     Restart one or more containers
          kill        Kill one or more running containers
          rm          Remove one or more containers
          pause       Pause all processes within one or more containers
          unpause     Unpause all processes within one or more containers
          rename      Rename a container
          wait        Block until one or more containers stop, then print their exit codes
          ps          List containers
          inspect     Return low-level information on containers
          history     Show a container's whole journaled life, removed ones too (--format, --no-trunc); else an image's history
          events      Stream events, past and live (--since, --until, --filter k=v, --format); --since 0 is all of history
          load        Load images from a docker-archive or OCI tar (-i FILE or stdin)
          import      Import a rootfs tar as an image
          images      List images
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
          rmi         Remove one or more images
          update      Update the resources or restart policy of one or more containers
          volume      Manage volumes (create, ls, inspect, rm, prune)
          top         Display the running processes of a container (ps arguments: -ef, aux, -o …)
          stats       Display a live stream of container resource usage (--no-stream, -a)
          diff        Inspect changes to files on a container's filesystem
          export      Export a container's filesystem as a tar archive (-o FILE)
          cp          Copy files between a container and the local filesystem (- for a tar on stdin/stdout)
          container   container prune [-f] [--filter until=…|label=…]
          image       image prune [-a] [-f] | image history IMAGE
          system      system df | system prune [-a] [-f] [--volumes] [--filter until=…|label=…]
          network     Manage networks (create, ls, inspect, rm, connect, disconnect, prune)
          port        List port mappings of a container
          info        Display system-wide information
          version     Show the berth version information
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "daemon") return DaemonExec.Run(args[1..], Console.Error);
        var output = Console.Out;
        var errors = Console.Error;
        try
        {
            var socket = ClientHost.ResolveSocketPath(args, Environment.GetEnvironmentVariable, out var rest);
            if (rest.Count == 0 || rest[0] is "--help" or "-h" or "help") { await output.WriteLineAsync(Usage); return rest.Count == 0 ? 1 : 0; }
            using var client = new ApiClient(socket);
            var verbArgs = rest.Skip(1).ToList();
            return rest[0] switch
            {
                "run" => await RunCommand.RunAsync(client, verbArgs, output, errors),
                "create" => await CreateCommand.RunAsync(client, verbArgs, output),
                "logs" => await LogsCommand.RunAsync(client, verbArgs),
                "start" when verbArgs.Any(a => a is "-a" or "--attach" or "-ai" or "-ia") => await AttachCommand.StartAttachedAsync(client, verbArgs),
                "start" => await ContainerVerbs.Start(client, verbArgs, output, errors),
                "attach" => await AttachCommand.AttachAsync(client, verbArgs),
                "exec" => await ExecCommand.RunAsync(client, verbArgs, errors),
                "stop" => await ContainerVerbs.Stop(client, verbArgs, output, errors),
                "restart" => await ContainerVerbs.Restart(client, verbArgs, output, errors),
                "kill" => await ContainerVerbs.Kill(client, verbArgs, output, errors),
                "rm" => await ContainerVerbs.Remove(client, verbArgs, output, errors),
                "pause" => await ContainerVerbs.Pause(client, verbArgs, output, errors),
                "unpause" => await ContainerVerbs.Unpause(client, verbArgs, output, errors),
                "wait" => await ContainerVerbs.Wait(client, verbArgs, output, errors),
                "rename" => await ContainerVerbs.Rename(client, verbArgs),
                "ps" => await PsCommand.RunAsync(client, verbArgs, output),
                "inspect" => await InspectCommand.RunAsync(client, verbArgs, output, errors),
                "history" => await HistoryCommand.RunAsync(client, verbArgs, output),
                "events" => await EventsCommand.RunAsync(client, verbArgs, output),
                "load" => await ImageVerbs.Load(client, verbArgs, output),
                "import" => await ImageVerbs.Import(client, verbArgs, output),
                "images" => await ImageVerbs.List(client, verbArgs, output),
                "tag" => await ImageVerbs.Tag(client, verbArgs),
                "rmi" => await ImageVerbs.Remove(client, verbArgs, output, errors),
                "update" => await UpdateCommand.RunAsync(client, verbArgs, output, errors),
                "volume" => await VolumeVerbs.RunAsync(client, verbArgs, output, errors, Console.In),
                "top" => await InsightVerbs.Top(client, verbArgs, output),
                "stats" => await InsightVerbs.Stats(client, verbArgs, output),
                "diff" => await InsightVerbs.Diff(client, verbArgs, output),
                "export" => await InsightVerbs.Export(client, verbArgs, Console.OpenStandardOutput()),
                "cp" => await CpCommand.RunAsync(client, verbArgs, Console.OpenStandardInput(), Console.OpenStandardOutput()),
                "container" => await PruneVerbs.Container(client, verbArgs, output, Console.In),
                "image" => await PruneVerbs.Image(client, verbArgs, output, Console.In),
                "system" => await PruneVerbs.System(client, verbArgs, output, Console.In),
                "network" => await NetworkVerbs.RunAsync(client, verbArgs, output, errors, Console.In),
                "port" => await PortCommand.RunAsync(client, verbArgs, output),
                "info" => await SystemVerbs.Info(client, output),
                "version" => await SystemVerbs.Version(client, output),
                var unknown => throw new CliException($"berth: '{unknown}' is not a berth command.\nSee 'berth --help'"),
            };
        }
        catch (ApiException error)
        {
            await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            return 1;
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            await errors.WriteLineAsync($"error during connect: {error.Message}");
            return 1;
        }
        catch (Exception error) when (error is CliException or SettingsException)
        {
            await errors.WriteLineAsync(error.Message);
            return error is CliException cli ? cli.ExitCode : 1;
        }
    }
}
