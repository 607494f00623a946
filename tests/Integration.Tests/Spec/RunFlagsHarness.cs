using System.Text.Json;
using Berth.Integration.Tests.Daemon;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Spec;

/// <summary>Short-hands over a <see cref="DaemonHost"/> for the run-flag tests: run to the end, create only, inspect.</summary>
internal static class RunFlagsHarness
{
    /// <summary>Runs a container to its exit; returns its exit code and everything it printed.</summary>
    public static async Task<(int Exit, string Output)> RunToEndAsync(this DaemonHost daemon, params string[] args)
    {
        var id = await daemon.RunAsync(args);
        var exit = await daemon.WaitAsync(id);
        return (exit, await daemon.LogsAsync(id));
    }

    /// <summary>Creates (does not start) a container from CLI-style flags; a refusal surfaces as <see cref="ApiException"/>.</summary>
    public static Task<string> CreateAsync(this DaemonHost daemon, params string[] args)
    {
        var parsed = CliArgs.Parse(["--network", "none", .. args], CreateCommand.ValueFlags, CreateCommand.BoolFlags, stopAtPositional: true);
        return CreateCommand.CreateAsync(daemon.Client, parsed);
    }

    public static Task<JsonElement> InspectAsync(this DaemonHost daemon, string id) =>
        daemon.Client.GetJsonAsync($"/containers/{id}/json", ApiJson.Default.JsonElement);

    /// <summary>The value of a "Name:\tvalue" line of /proc/&lt;pid&gt;/status-style text.</summary>
    public static string Field(string text, string name) =>
        text.Split('\n').First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();
}
