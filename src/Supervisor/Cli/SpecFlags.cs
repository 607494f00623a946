using System.Globalization;
using System.Text.Json;
using Berth.Protocol;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The create/run flags for mounts, resources, limits, namespaces and security, spelt as docker's,
/// and how they fill a create body's <c>HostConfig</c>. Kept apart from <see cref="CreateCommand"/>'s
/// own flags so that each group of flags has one home.
/// </summary>
internal static class SpecFlags
{
    public static readonly string[] ValueFlags =
    [
        "--mount", "--tmpfs", "--memory|-m", "--memory-swap", "--cpu-shares|-c", "--cpus", "--cpu-quota", "--cpu-period",
        "--cpuset-cpus", "--pids-limit", "--ulimit", "--group-add", "--pid", "--ipc", "--uts", "--oom-score-adj",
        "--security-opt", "--sysctl", "--device", "--shm-size", "--log-opt", "--log-driver",
    ];

    public static ApiHostConfig Apply(CliArgs a, ApiHostConfig host) => host with
    {
        Mounts = a.Values("--mount") is { Count: > 0 } mounts ? [.. mounts.Select(ParseMount)] : null,
        Tmpfs = a.Values("--tmpfs") is { Count: > 0 } tmpfs
            ? tmpfs.Select(t => t.Split(':', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "")
            : null,
        Memory = Size(a, "--memory") ?? 0,
        MemorySwap = a.Value("--memory-swap") == "-1" ? -1 : Size(a, "--memory-swap") ?? 0,
        CpuShares = Long(a, "--cpu-shares") ?? 0,
        NanoCpus = a.Value("--cpus") is { } cpus ? Cpus(cpus) : 0,
        CpuQuota = Long(a, "--cpu-quota") ?? 0,
        CpuPeriod = Long(a, "--cpu-period") ?? 0,
        CpusetCpus = a.Value("--cpuset-cpus"),
        PidsLimit = Long(a, "--pids-limit"),
        Ulimits = a.Values("--ulimit") is { Count: > 0 } ulimits ? [.. ulimits.Select(ParseUlimit)] : null,
        GroupAdd = a.Values("--group-add") is { Count: > 0 } groups ? [.. groups] : null,
        PidMode = a.Value("--pid"),
        IpcMode = a.Value("--ipc"),
        UTSMode = a.Value("--uts"),
        OomScoreAdj = a.Int("--oom-score-adj") ?? 0,
        SecurityOpt = a.Values("--security-opt") is { Count: > 0 } opts ? [.. opts.Select(SecurityOpt)] : null,
        Sysctls = a.Values("--sysctl") is { Count: > 0 } sysctls ? sysctls.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "") : null,
        Devices = a.Values("--device") is { Count: > 0 } devices ? [.. devices.Select(ParseDevice)] : null,
        ShmSize = Size(a, "--shm-size") ?? 0,
        LogConfig = a.Value("--log-driver") is not null || a.Values("--log-opt").Count > 0
            ? new ApiLogConfig(a.Value("--log-driver") ?? "json-file", a.Values("--log-opt").Select(o => o.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""))
            : null,
    };

    /// <summary><c>type=bind,source=/a,target=/b,readonly,bind-propagation=rshared,volume-nocopy,tmpfs-size=64m,tmpfs-mode=1770</c>.</summary>
    public static ApiMount ParseMount(string spec)
    {
        var mount = new ApiMount { Type = "volume" };
        foreach (var field in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = field.IndexOf('=') is var eq and >= 0 ? (field[..eq].Trim().ToLowerInvariant(), field[(eq + 1)..]) : (field.Trim().ToLowerInvariant(), null);
            mount = key switch
            {
                "type" => mount with { Type = value },
                "source" or "src" => mount with { Source = value },
                "target" or "destination" or "dst" => mount with { Target = value },
                "readonly" or "ro" => mount with { ReadOnly = value is null or "1" or "true" },
                "bind-propagation" => mount with { BindOptions = new ApiBindOptions(value) },
                "volume-nocopy" => mount with { VolumeOptions = new ApiVolumeOptions(value is null or "1" or "true") },
                "tmpfs-size" => mount with { TmpfsOptions = new ApiTmpfsOptions(SizeOf(value ?? "", "tmpfs-size"), mount.TmpfsOptions?.Mode ?? 0) },
                "tmpfs-mode" => mount with
                {
                    TmpfsOptions = new ApiTmpfsOptions(mount.TmpfsOptions?.SizeBytes ?? 0, Convert.ToInt32(value ?? "0", 8)),
                },
                _ => throw new CliException($"invalid argument \"{spec}\" for \"--mount\" flag: unexpected key '{key}' in '{field}'"),
            };
        }
        return mount;
    }

    /// <summary><c>nofile=1024[:2048]</c>: one number sets both limits.</summary>
    public static ApiUlimit ParseUlimit(string spec)
    {
        var parts = spec.Split('=', 2);
        if (parts.Length != 2) throw new CliException($"invalid argument \"{spec}\" for \"--ulimit\" flag: invalid ulimit argument: {spec}");
        var limits = parts[1].Split(':');
        if (limits.Length > 2 || !limits.All(l => long.TryParse(l, out _)))
            throw new CliException($"invalid argument \"{spec}\" for \"--ulimit\" flag: invalid ulimit argument: {spec}");
        var soft = long.Parse(limits[0], CultureInfo.InvariantCulture);
        return new ApiUlimit(parts[0], soft, limits.Length > 1 ? long.Parse(limits[1], CultureInfo.InvariantCulture) : soft);
    }

    /// <summary><c>/dev/x[:/dev/y][:rwm]</c>.</summary>
    public static ApiDeviceMapping ParseDevice(string spec)
    {
        var parts = spec.Split(':');
        return parts.Length switch
        {
            1 => new ApiDeviceMapping(parts[0], parts[0], "rwm"),
            2 when !parts[1].StartsWith('/') => new ApiDeviceMapping(parts[0], parts[0], parts[1]),
            2 => new ApiDeviceMapping(parts[0], parts[1], "rwm"),
            3 => new ApiDeviceMapping(parts[0], parts[1], parts[2]),
            _ => throw new CliException($"invalid argument \"{spec}\" for \"--device\" flag: bad format"),
        };
    }

    /// <summary>docker's CLI sends a seccomp profile's content, not its path.</summary>
    private static string SecurityOpt(string option)
    {
        var at = option.IndexOfAny(['=', ':']);
        if (at < 0 || option[..at] != "seccomp" || option[(at + 1)..] == "unconfined") return option;
        var path = option[(at + 1)..];
        try
        {
            using var profile = JsonDocument.Parse(File.ReadAllText(path));
            return "seccomp=" + profile.RootElement.GetRawText();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"invalid argument \"{option}\" for \"--security-opt\" flag: opening seccomp profile ({path}) failed: {e.Message}");
        }
    }

    private static long Cpus(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus >= 0
            ? (long)(cpus * 1_000_000_000m)
            : throw new CliException($"invalid argument \"{text}\" for \"--cpus\" flag: failed to parse {text} as a rational number");

    private static long? Size(CliArgs a, string flag) => a.Value(flag) is { } text ? SizeOf(text, flag) : null;

    private static long SizeOf(string text, string flag) => ByteSizes.TryParse(text, out var bytes)
        ? bytes
        : throw new CliException($"invalid argument \"{text}\" for \"{flag}\" flag: invalid size: '{text}'");

    private static long? Long(CliArgs a, string flag) => a.Value(flag) is { } text
        ? long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new CliException($"invalid argument \"{text}\" for \"{flag}\" flag: not a number")
        : null;
}
