using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth port CONTAINER [PRIVATE_PORT[/PROTO]]</c>: the published ports, as docker port prints them.</summary>
internal static class PortCommand
{
    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output)
    {
        var a = CliArgs.Parse(args, [], []);
        if (a.Positional.Count is 0 or > 2) throw new CliException("\"port\" requires 1 or 2 arguments: CONTAINER [PRIVATE_PORT[/PROTO]]");
        var inspect = await client.GetJsonAsync($"/containers/{ApiClient.Query(a.Positional[0])}/json", ApiJson.Default.ApiContainerInspect);
        var wanted = a.Positional.Count == 2 ? (a.Positional[1].Contains('/') ? a.Positional[1] : a.Positional[1] + "/tcp") : null;
        var found = false;
        foreach (var (key, bindings) in inspect.NetworkSettings.Ports.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (wanted is not null && key != wanted) continue;
            foreach (var binding in bindings ?? [])
            {
                found = true;
                var line = $"{binding.HostIp}:{binding.HostPort}";
                await output.WriteLineAsync(wanted is null ? $"{key} -> {line}" : line);
            }
        }
        if (wanted is not null && !found)
            throw new CliException($"Error: No public port '{wanted}' published for {a.Positional[0]}");
        return 0;
    }
}
