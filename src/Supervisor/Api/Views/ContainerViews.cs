using Berth.Actors.Containers;
using Berth.Actors.Health;
using Berth.Actors.Lifecycle;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api.Views;

/// <summary>Renders a container's state in Docker's shapes: inspect, list row, status text.</summary>
internal static class ContainerViews
{
    private const string ZeroTime = "0001-01-01T00:00:00Z";

    public static ApiContainerInspect Inspect(ContainerState s, string volumesRoot = "/var/lib/berth/volumes", HealthView? health = null)
    {
        var args = TaskSpecFactory.Args(s.Config);
        return new ApiContainerInspect
        {
            Id = s.Id,
            Created = Time(s.CreatedAt),
            Path = args.Count > 0 ? args[0] : "",
            Args = args.Skip(1).ToList(),
            State = new ApiContainerStateView(
                CommandRules.StatusWord(s.Status == ContainerStatus.Removed ? ContainerStatus.Dead : s.Status),
                Running: s.IsRunning || s.Status == ContainerStatus.Restarting,
                Paused: s.Status == ContainerStatus.Paused,
                Restarting: s.Status == ContainerStatus.Restarting,
                OOMKilled: s.OomKilled,
                Dead: s.Status == ContainerStatus.Dead,
                Pid: s.IsRunning ? s.Task?.Pid ?? 0 : 0,
                ExitCode: s.ExitCode,
                Error: s.Error,
                StartedAt: s.StartedAt is { } started ? Time(started) : ZeroTime,
                FinishedAt: s.FinishedAt is { } finished ? Time(finished) : ZeroTime)
            {
                Health = Health(s, health),
            },
            Image = s.ImageId,
            ResolvConfPath = s.Network?.ResolvConfPath ?? "",
            HostnamePath = s.Network?.HostnamePath ?? "",
            HostsPath = s.Network?.HostsPath ?? "",
            Name = "/" + s.Name,
            RestartCount = s.RestartCount,
            HostConfig = ConfigMapping.ToApi(s.HostConfig),
            Config = ConfigMapping.ToApi(s.Config) with { Image = s.ImageRef },
            NetworkSettings = Network(s),
            Mounts = HostConfigParts.MountPoints(s, volumesRoot),
        };
    }

    public static ApiContainerSummary Summary(ContainerState s, DateTimeOffset now) => new()
    {
        Id = s.Id,
        Names = ["/" + s.Name],
        Image = s.ImageRef,
        ImageID = s.ImageId,
        Command = string.Join(' ', TaskSpecFactory.Args(s.Config)),
        Created = s.CreatedAt.ToUnixTimeSeconds(),
        Ports = s.Network?.Ports.Select(p => new ApiPort(p.HostIp, p.ContainerPort, p.HostPort, p.Protocol)).ToList() ?? [],
        Labels = s.Config.Labels?.ToDictionary() ?? new Dictionary<string, string>(),
        State = CommandRules.StatusWord(s.Status),
        Status = StatusText(s, now),
    };

    /// <summary>Docker's <c>Status</c> column: "Up 5 minutes", "Exited (0) 3 seconds ago", "Created" …</summary>
    public static string StatusText(ContainerState s, DateTimeOffset now) => s.Status switch
    {
        ContainerStatus.Running => "Up " + HumanDuration.Format(now - (s.StartedAt ?? now)) + HealthSuffix(s.Health),
        ContainerStatus.Paused => "Up " + HumanDuration.Format(now - (s.StartedAt ?? now)) + " (Paused)",
        ContainerStatus.Restarting => $"Restarting ({s.ExitCode}) {HumanDuration.Format(now - (s.FinishedAt ?? now))} ago",
        ContainerStatus.Exited when s.FinishedAt is { } finished => $"Exited ({s.ExitCode}) {HumanDuration.Format(now - finished)} ago",
        ContainerStatus.Removing => "Removal In Progress",
        ContainerStatus.Dead => "Dead",
        _ => "Created",
    };

    /// <summary>Docker's Health.String() after a running container's uptime.</summary>
    private static string HealthSuffix(ContainerHealth? health) => health?.Status switch
    {
        null => "",
        HealthStatus.Starting => " (health: starting)",
        var status => $" ({status})",
    };

    /// <summary>Inspect's State.Health: the live view from the container, else what the journal says (no log).</summary>
    private static ApiHealth? Health(ContainerState s, HealthView? live) => (live, s.Health) switch
    {
        ({ } h, _) => new ApiHealth(h.Status, h.FailingStreak,
            h.Log.Select(r => new ApiHealthResult(Time(r.Start), Time(r.End), r.ExitCode, r.Output)).ToList()),
        (null, { } h) => new ApiHealth(h.Status, h.FailingStreak, []),
        _ => null,
    };

    private static ApiNetworkSettings Network(ContainerState s)
    {
        var configured = ContainerNetworks.Configured(s);
        if (s.Network is not { } net)
            return new ApiNetworkSettings { Networks = configured.ToDictionary(e => e.Network, e => Endpoint(s, e, null)) };
        var first = net.Networks.FirstOrDefault();
        return new ApiNetworkSettings
        {
            SandboxKey = net.SandboxKey,
            IPAddress = first?.IPAddress ?? "",
            IPPrefixLen = first?.IPPrefixLen ?? 0,
            Gateway = first?.Gateway ?? "",
            MacAddress = first?.MacAddress ?? "",
            Ports = PortMap(s, net),
            Networks = net.Networks.Where(n => n.Network != "none" || s.HostConfig.NetworkMode == "none").ToDictionary(
                n => n.Network, n => Endpoint(s, configured.FirstOrDefault(e => e.Network == n.Network), n)),
        };
    }

    /// <summary>Docker's Ports map: every published port with its bindings, every other exposed port with null.</summary>
    private static Dictionary<string, List<ApiPortBinding>?> PortMap(ContainerState s, Journal.Events.NetworkAllocated net)
    {
        var map = net.Ports.GroupBy(p => $"{p.ContainerPort}/{p.Protocol}").ToDictionary(
            g => g.Key, g => (List<ApiPortBinding>?)g.Select(p => new ApiPortBinding(p.HostIp, p.HostPort.ToString())).ToList());
        foreach (var exposed in s.Config.ExposedPorts ?? []) map.TryAdd(exposed.Contains('/') ? exposed : exposed + "/tcp", null);
        return map;
    }

    private static ApiEndpoint Endpoint(ContainerState s, Journal.Model.EndpointSettings? settings, Journal.Model.NetworkEndpoint? e)
    {
        var networkId = e?.NetworkId ?? "";
        var aliases = settings?.Aliases?.ToList() ?? e?.Aliases?.ToList();
        return new ApiEndpoint(e?.IPAddress ?? "", e?.IPPrefixLen ?? 0, e?.Gateway ?? "", e?.MacAddress ?? "")
        {
            IPAMConfig = settings?.IPv4Address is { } ip ? new ApiEndpointIpam(ip, null) : null,
            Aliases = aliases,
            NetworkID = networkId,
            EndpointID = e is null || networkId.Length == 0 ? "" : NetworkApiViews.EndpointId(s.Id, networkId),
            DNSNames = (e?.Network ?? settings?.Network) is "bridge" or "none" or "host" or null
                ? null
                : [s.Name, s.Id[..Math.Min(12, s.Id.Length)], .. aliases ?? []],
        };
    }

    /// <summary>RFC 3339 with nanoseconds, UTC, as Docker writes times.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
}
