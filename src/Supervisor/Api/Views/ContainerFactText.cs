using System.Globalization;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Supervisor.Api.Views;

/// <summary>
/// The words of <c>GET /containers/{id}/history</c>: a fact's name (its event type, as the journal vocabulary
/// names it) and one short human line of what it carries. One switch over the whole event set; a test walks
/// every event type, so a new event fails it until it gets its own line here.
/// </summary>
internal static class ContainerFactText
{
    public static string Fact(IContainerEvent fact) => fact.GetType().Name;

    public static string Detail(IContainerEvent fact) => fact switch
    {
        Created c => $"name {c.Name}, image {c.ImageRef} ({Short(c.ImageId)}){Command(c.Config)}",
        StartRequested s => s.ByRestartPolicy ? "by the restart policy" : s.UserRestart ? "by a user's restart" : "by a user's start",
        NetworkAllocated n => Networks(n),
        RootfsMounted r => $"at {r.MountPath}",
        SpecBuilt s => $"bundle {s.BundlePath}, spec {s.SpecDigest}",
        TaskStarted t => $"pid {t.Pid}, monitor pid {t.MonitorPid}",
        StartFailed f => $"exit code {f.ExitCode}: {f.Error}",
        StopRequested s => Stop(s),
        Exited e => Exit(e),
        TaskDeleted => "the runtime's state of the task is gone",
        RootfsUnmounted => "root filesystem unmounted",
        NetworkReleased => "sandbox released, addresses returned",
        Paused => "processes frozen",
        Unpaused => "processes thawed",
        Renamed r => $"{r.OldName} -> {r.NewName}",
        RestartScheduled r => $"restart {r.RestartCount} in {Delay(r.DelayMs)}",
        RestartCancelled => "pending restart called off",
        Updated u => Update(u.HostConfig),
        RemovalStarted r => r.RemoveVolumes ? "with its anonymous volumes" : "volumes kept",
        RemovalFailed f => f.Error,
        Removed => "every resource released",
        NetworkConnected n => Connect(n),
        NetworkDisconnected n => $"left {n.Network}",
        HealthStatusChanged h => h.FailingStreak > 0 ? $"{h.Status}, {h.FailingStreak} failed probes in a row" : h.Status,
        _ => $"{fact.GetType().Name} (no description yet)",
    };

    private static string Short(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length > 19 ? id[7..19] : id;

    private static string Command(ContainerConfig config)
    {
        var words = (config.Entrypoint ?? []).Concat(config.Cmd ?? []).ToList();
        return words.Count == 0 ? "" : $", command \"{string.Join(' ', words)}\"";
    }

    private static string Networks(NetworkAllocated n)
    {
        var parts = n.Networks.Select(e => e.IPAddress is { Length: > 0 } ip ? $"{e.Network} {ip}/{e.IPPrefixLen}" : e.Network).ToList();
        var text = parts.Count == 0 ? "no network" : string.Join(", ", parts);
        return n.Ports.Count == 0 ? text
            : text + "; ports " + string.Join(", ", n.Ports.Select(p => $"{p.HostIp}:{p.HostPort}->{p.ContainerPort}/{p.Protocol}"));
    }

    private static string Stop(StopRequested s)
    {
        var verb = s.Verb?.ToString().ToLowerInvariant() ?? "stop";
        var signal = s.Signal is { } n ? SignalName(n) : "no signal";
        return $"{verb}: {signal}" + (s.EndsRun ? ", ends the run" : "");
    }

    private static string Exit(Exited e)
    {
        var text = $"exit code {e.ExitCode}";
        if (e.OomKilled) text += ", OOM killed";
        if (e.StopRequested) text += ", stop requested";
        return e.Error is { Length: > 0 } error ? $"{text}: {error}" : text;
    }

    private static string Update(HostConfig h)
    {
        var parts = new List<string> { $"restart policy {h.RestartPolicy.Name}" };
        if (h.Memory is { } memory) parts.Add($"memory {memory} bytes");
        if (h.NanoCpus is { } cpus) parts.Add($"cpus {(cpus / 1e9).ToString("0.###", CultureInfo.InvariantCulture)}");
        if (h.CpuShares is { } shares) parts.Add($"cpu shares {shares}");
        if (h.PidsLimit is { } pids) parts.Add($"pids limit {pids}");
        return string.Join(", ", parts);
    }

    private static string Connect(NetworkConnected n) => n.Endpoint is { } e
        ? $"joined {n.Settings.Network}" + (e.IPAddress is { Length: > 0 } ip ? $" at {ip}/{e.IPPrefixLen}" : "")
        : $"joins {n.Settings.Network} at its next start";

    private static string Delay(long ms) => ms < 1000
        ? $"{ms}ms"
        : (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    /// <summary>The usual Linux numbers by name; others stay numbers.</summary>
    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        12 => "SIGUSR2",
        15 => "SIGTERM",
        19 => "SIGSTOP",
        _ => $"signal {signal}",
    };
}
