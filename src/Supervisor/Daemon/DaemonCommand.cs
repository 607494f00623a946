using Akka.Configuration;
using Berth.Actors.Hosting;
using Berth.Supervisor.Api;
using Berth.Supervisor.Config;
using Berth.Supervisor.Logging;
using Serilog;

namespace Berth.Supervisor.Daemon;

/// <summary>
/// <c>berth daemon</c>: loads the settings, starts logging, the actor system on the journal and the
/// API on the unix socket, and runs until SIGTERM/SIGINT. Shutting down stops the actors and the
/// API but never the containers (live-restore).
/// </summary>
internal static class DaemonCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        DaemonSettings settings;
        try
        {
            settings = DaemonSettingsLoader.Load(args);
        }
        catch (SettingsException error)
        {
            await Console.Error.WriteLineAsync($"berth daemon: {error.Message}");
            return 1;
        }
        Log.Logger = LogSetup.Create(settings.LogLevel, settings.LogDirectory);
        try
        {
            await RunAsync(settings);
            return 0;
        }
        catch (Exception error)
        {
            Log.Fatal(error, "berth daemon failed: {Message}", error.Message);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    private static async Task RunAsync(DaemonSettings settings)
    {
        Directory.CreateDirectory(settings.DataRoot);
        Directory.CreateDirectory(settings.ExecRoot);
        DaemonSocket.ClearStale(settings.SocketPath);
        var clock = TimeProvider.System;
        var prepared = NativeServices.Create(new HostPaths(settings.DataRoot, settings.ExecRoot, settings.DefaultRuntime)
            {
                LogSizeMax = settings.LogSizeMax, BridgeSubnet = settings.BridgeSubnet, Mtu = settings.Mtu, AddressPools = settings.AddressPools,
            }, clock,
            new Actors.Restart.RestartBackoff(settings.RestartBackoffInitial, settings.RestartBackoffMax, settings.RestartResetAfter),
            settings.SnapshotEvery);
        await using var host = await ActorHost.StartAsync(settings.JournalPath, prepared.Services, AkkaConfig(settings));
        var app = ApiServer.Build(settings.SocketPath, host.Refs, clock,
            new DaemonFacts(DaemonId.LoadOrCreate(settings.DataRoot), settings.DataRoot, settings.DefaultRuntime, prepared.Runtimes),
            new ContainerLogs(settings.DataRoot), Journal.Query.ContainerHistoryReader.For(host.System));
        await app.StartAsync();
        DaemonSocket.Restrict(settings.SocketPath);
        Log.Information("berth daemon {Version} listening on unix://{Socket}, data root {DataRoot}",
            BerthVersion.Version, settings.SocketPath, settings.DataRoot);
        await app.WaitForShutdownAsync();
        Log.Information("berth daemon shutting down; containers keep running");
        await app.DisposeAsync();
    }

    private static Akka.Configuration.Config AkkaConfig(DaemonSettings settings)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "config", "akka.hocon");
        var defaults = File.Exists(file) ? ConfigurationFactory.ParseString(File.ReadAllText(file)) : Akka.Configuration.Config.Empty;
        var level = settings.LogLevel switch
        {
            "debug" => "DEBUG",
            "info" => "INFO",
            "warn" => "WARNING",
            _ => "ERROR",
        };
        return ConfigurationFactory.ParseString($"akka.loglevel = {level}").WithFallback(defaults);
    }
}
