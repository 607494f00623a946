using System.Text.Json;
using Berth.Journal.Model;
using Berth.Native.Runtime;
using Berth.Protocol;

namespace Berth.Actors.Containers;

/// <summary>
/// docker's checks of a container's privileges and kernel settings: capabilities, security options,
/// namespace modes, sysctls, ulimits, oom score, devices, log options. What the daemon itself lacks
/// (CAP_SYS_RESOURCE here) is refused up front with a 400 rather than left to fail in the runtime.
/// </summary>
public static class SecurityRules
{
    private static readonly string[] IpcSysctls =
        ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    public static string? Check(HostConfig host, HostFacts facts) =>
        Capabilities.FirstUnknown(host.CapAdd)
        ?? Capabilities.FirstUnknown(host.CapDrop)
        ?? CheckSecurityOpts(host.SecurityOpt)
        ?? CheckModes(host)
        ?? CheckSysctls(host)
        ?? CheckUlimits(host.Ulimits, facts)
        ?? CheckOomScoreAdj(host.OomScoreAdj, facts)
        ?? CheckDevices(host.Devices)
        ?? CheckLogConfig(host.LogConfig);

    /// <summary>Reads a <c>--security-opt</c> list: no-new-privileges and the seccomp profile (null = the daemon's default).</summary>
    public static (bool NoNewPrivileges, string? Seccomp) Read(IReadOnlyList<string>? options)
    {
        var noNewPrivileges = false;
        string? seccomp = null;
        foreach (var option in options ?? [])
        {
            var (key, value) = Split(option);
            if (key == "no-new-privileges") noNewPrivileges = value is null or "true";
            else if (key == "seccomp") seccomp = value;
        }
        return (noNewPrivileges, seccomp);
    }

    private static string? CheckSecurityOpts(IReadOnlyList<string>? options)
    {
        foreach (var option in options ?? [])
        {
            var (key, value) = Split(option);
            switch (key)
            {
                case "no-new-privileges" when value is null or "true" or "false":
                    continue;
                case "seccomp" when value == TaskSecurity.Unconfined:
                    continue;
                case "seccomp" when !string.IsNullOrEmpty(value):
                    try
                    {
                        using var profile = JsonDocument.Parse(value);
                        if (profile.RootElement.ValueKind != JsonValueKind.Object) return "Decoding seccomp profile failed: the profile is not a JSON object";
                    }
                    catch (JsonException e)
                    {
                        return "Decoding seccomp profile failed: " + e.Message;
                    }
                    continue;
                // No SELinux or AppArmor on berth's hosts: accepted and without effect, as docker on such a host.
                case "label" or "apparmor" when value is not null:
                    continue;
                default:
                    return $"invalid --security-opt 1: \"{option}\"";
            }
        }
        return null;
    }

    private static (string Key, string? Value) Split(string option)
    {
        var at = option.IndexOfAny(['=', ':']);
        return at < 0 ? (option, null) : (option[..at], option[(at + 1)..]);
    }

    private static string? CheckModes(HostConfig host)
    {
        if (host.PidMode is { Length: > 0 } pid && pid != "host" && !IsContainerMode(pid)) return $"invalid PID mode: {pid}";
        if (host.IpcMode is { Length: > 0 } ipc && ipc is not ("host" or "private" or "shareable" or "none") && !IsContainerMode(ipc))
            return $"invalid IPC mode: {ipc}";
        if (host.UTSMode is { Length: > 0 } uts && uts != "host") return $"invalid UTS mode: {uts}";
        return null;
    }

    /// <summary>"container:&lt;ref&gt;" with a non-empty ref.</summary>
    public static bool IsContainerMode(string? mode) => mode is { Length: > 10 } && mode.StartsWith("container:", StringComparison.Ordinal);

    private static string? CheckSysctls(HostConfig host)
    {
        foreach (var name in (host.Sysctls ?? new Dictionary<string, string>()).Keys)
        {
            var ipc = IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal);
            var net = name.StartsWith("net.", StringComparison.Ordinal);
            if (!ipc && !net) return $"sysctl '{name}' is not whitelisted";
            if (ipc && host.IpcMode == "host") return $"sysctl '{name}' is not allowed in host ipc mode";
            if (net && host.NetworkMode == "host") return $"sysctl '{name}' is not allowed in host network mode";
        }
        return null;
    }

    private static string? CheckUlimits(IReadOnlyList<Ulimit>? ulimits, HostFacts facts)
    {
        foreach (var ulimit in ulimits ?? [])
        {
            if (!RlimitNames.ByDockerName.TryGetValue(ulimit.Name, out var type)) return $"invalid ulimit type: {ulimit.Name}";
            if (ulimit.Soft < 0 || ulimit.Hard < 0) return $"invalid ulimit argument: {ulimit.Name}={ulimit.Soft}:{ulimit.Hard}";
            if (ulimit.Soft > ulimit.Hard) return $"ulimit soft limit must be less than or equal to hard limit: {ulimit.Soft} > {ulimit.Hard}";
            if (!facts.HasSysResource && facts.HardLimits.TryGetValue(type, out var max) && (ulong)ulimit.Hard > max)
                return $"ulimit {ulimit.Name}: hard limit {ulimit.Hard} is above the daemon's own ({max}); raising it needs CAP_SYS_RESOURCE, which the daemon does not have";
        }
        return null;
    }

    private static string? CheckOomScoreAdj(int? oom, HostFacts facts)
    {
        if (oom is not { } value) return null;
        if (value is < -1000 or > 1000) return $"Invalid value {value}, range for oom score adj is [-1000, 1000]";
        if (value < facts.OomScoreAdj && !facts.HasSysResource)
            return $"oom-score-adj {value} is below the daemon's own ({facts.OomScoreAdj}); lowering it needs CAP_SYS_RESOURCE, which the daemon does not have";
        return null;
    }

    private static string? CheckDevices(IReadOnlyList<DeviceMapping>? devices)
    {
        foreach (var device in devices ?? [])
        {
            if (!device.PathOnHost.StartsWith('/') || !device.PathInContainer.StartsWith('/')) return $"invalid device mapping: {device.PathOnHost}:{device.PathInContainer}: paths must be absolute";
            if (device.CgroupPermissions.Length == 0 || device.CgroupPermissions.Any(c => c is not ('r' or 'w' or 'm')))
                return $"invalid device mode: {device.CgroupPermissions}";
        }
        return null;
    }

    private static string? CheckLogConfig(LogConfig? log)
    {
        if (log is null) return null;
        var driver = string.IsNullOrEmpty(log.Type) ? "json-file" : log.Type;
        // conmon writes one k8s-file log; docker's file drivers map onto it.
        if (driver is not ("json-file" or "k8s-file" or "local")) return $"logger: no log driver named '{driver}' is registered";
        foreach (var (key, value) in log.Config ?? new Dictionary<string, string>())
        {
            if (key == "max-size" && !ByteSizes.TryParse(value, out _)) return $"invalid max-size: {value}";
            // conmon keeps no rotated file: only one file is ever kept.
            if (key == "max-file" && value != "1") return $"max-file {value}: berth's log keeps a single file (conmon starts it afresh at max-size); use max-file=1";
            if (key is not ("max-size" or "max-file")) return $"unknown log opt '{key}' for {driver} log driver";
        }
        return null;
    }
}
