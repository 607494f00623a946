using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Cli;

/// <summary>docker run/create's health flags, turned into <c>Config.Healthcheck</c> as the docker CLI does: any
/// <c>--health-*</c> makes a check (a command becomes <c>CMD-SHELL</c>), <c>--no-healthcheck</c> makes <c>["NONE"]</c>.</summary>
internal static class HealthFlags
{
    public static readonly string[] ValueFlags =
        ["--health-cmd", "--health-interval", "--health-timeout", "--health-start-period", "--health-start-interval", "--health-retries"];

    public const string NoHealthcheck = "--no-healthcheck";

    public static ApiHealthConfig? Parse(CliArgs a)
    {
        var any = ValueFlags.Any(f => a.Value(f) is not null);
        if (a.Has(NoHealthcheck))
        {
            if (any) throw new CliException("--no-healthcheck conflicts with --health-* options");
            return new ApiHealthConfig { Test = ["NONE"] };
        }
        if (!any) return null;
        var retries = a.Int("--health-retries") ?? 0;
        if (retries < 0) throw new CliException("--health-retries cannot be negative");
        return new ApiHealthConfig
        {
            Test = a.Value("--health-cmd") is { Length: > 0 } cmd ? ["CMD-SHELL", cmd] : null,
            Interval = Duration(a, "--health-interval"),
            Timeout = Duration(a, "--health-timeout"),
            StartPeriod = Duration(a, "--health-start-period"),
            StartInterval = Duration(a, "--health-start-interval"),
            Retries = retries,
        };
    }

    /// <summary>A Go duration in nanoseconds (0 when the flag is absent).</summary>
    private static long Duration(CliArgs a, string flag)
    {
        if (a.Value(flag) is not { } text) return 0;
        if (!GoDuration.TryParse(text, out var duration))
            throw new CliException($"invalid argument \"{text}\" for \"{flag}\" flag: time: invalid duration \"{text}\"");
        return duration.Ticks * 100;
    }
}
