using System.Globalization;
using System.Net.Http.Json;
using Berth.Protocol;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth update</c>: docker update's resource and restart flags for one or more containers; prints each reference updated.</summary>
internal static class UpdateCommand
{
    private static readonly string[] ValueFlags =
        ["--memory|-m", "--memory-swap", "--cpu-shares|-c", "--cpus", "--cpu-quota", "--cpu-period", "--cpuset-cpus", "--pids-limit", "--restart"];

    public static async Task<int> RunAsync(ApiClient client, IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var a = CliArgs.Parse(args, ValueFlags, []);
        if (a.Positional.Count == 0) throw new CliException("\"update\" requires at least 1 argument: CONTAINER [CONTAINER...]");
        var body = Body(a);
        var failed = false;
        foreach (var reference in a.Positional)
        {
            try
            {
                await client.PostJsonAsync($"/containers/{ApiClient.Query(reference)}/update",
                    JsonContent.Create(body, ApiJson.Default.ApiUpdateConfig), ApiJson.Default.ApiWarnings);
                await output.WriteLineAsync(reference);
            }
            catch (ApiException error)
            {
                failed = true;
                await errors.WriteLineAsync($"Error response from daemon: {error.Message}");
            }
        }
        return failed ? 1 : 0;
    }

    private static ApiUpdateConfig Body(CliArgs a)
    {
        var body = new ApiUpdateConfig
        {
            Memory = Size(a, "--memory"),
            MemorySwap = a.Value("--memory-swap") == "-1" ? -1 : Size(a, "--memory-swap"),
            CpuShares = Long(a, "--cpu-shares"),
            NanoCpus = a.Value("--cpus") is { } cpus && decimal.TryParse(cpus, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                ? (long)(n * 1_000_000_000m)
                : a.Value("--cpus") is null ? null : throw new CliException($"invalid argument \"{a.Value("--cpus")}\" for \"--cpus\" flag"),
            CpuQuota = Long(a, "--cpu-quota"),
            CpuPeriod = Long(a, "--cpu-period"),
            CpusetCpus = a.Value("--cpuset-cpus"),
            PidsLimit = Long(a, "--pids-limit"),
            RestartPolicy = a.Value("--restart") is { } restart ? RestartFlag.Parse(restart) : null,
        };
        if (body == new ApiUpdateConfig()) throw new CliException("you must provide one or more flags when using this command");
        return body;
    }

    private static long? Size(CliArgs a, string flag) => a.Value(flag) is { } text
        ? ByteSizes.TryParse(text, out var bytes) ? bytes : throw new CliException($"invalid argument \"{text}\" for \"{flag}\" flag: invalid size")
        : null;

    private static long? Long(CliArgs a, string flag) => a.Value(flag) is { } text
        ? long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new CliException($"invalid argument \"{text}\" for \"{flag}\" flag: not a number")
        : null;
}
