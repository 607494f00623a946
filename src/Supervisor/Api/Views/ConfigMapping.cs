using Berth.Journal.Model;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api.Views;

/// <summary>Converts Docker's wire config to berth's journaled config and back, field by field.</summary>
internal static class ConfigMapping
{
    public static ContainerConfig ToDomain(ApiContainerConfig api) => new()
    {
        Image = api.Image,
        Hostname = Blank(api.Hostname),
        Domainname = Blank(api.Domainname),
        User = Blank(api.User),
        Env = api.Env,
        Cmd = api.Cmd,
        Entrypoint = api.Entrypoint,
        WorkingDir = Blank(api.WorkingDir),
        Labels = api.Labels,
        ExposedPorts = api.ExposedPorts?.Keys.ToList(),
        Volumes = api.Volumes?.Keys.ToList(),
        Tty = api.Tty,
        OpenStdin = api.OpenStdin,
        StdinOnce = api.StdinOnce,
        AttachStdin = api.AttachStdin,
        AttachStdout = api.AttachStdout,
        AttachStderr = api.AttachStderr,
        StopSignal = Blank(api.StopSignal),
        StopTimeout = api.StopTimeout,
        Healthcheck = api.Healthcheck is { } h ? new HealthConfig
        {
            Test = h.Test, Interval = h.Interval, Timeout = h.Timeout, StartPeriod = h.StartPeriod,
            StartInterval = h.StartInterval, Retries = h.Retries,
        } : null,
    };

    public static HostConfig ToDomain(ApiHostConfig? api, out string? error)
    {
        error = null;
        if (api is null) return new HostConfig();
        var policy = RestartPolicy.No;
        if (api.RestartPolicy is { } rp)
        {
            var name = string.IsNullOrEmpty(rp.Name) ? "no" : rp.Name;
            if (!RestartPolicy.TryParse(name, out policy)) error = $"invalid restart policy '{rp.Name}'";
            else policy = policy with { MaximumRetryCount = rp.MaximumRetryCount };
        }
        return new HostConfig
        {
            RestartPolicy = policy,
            AutoRemove = api.AutoRemove,
            NetworkMode = Blank(api.NetworkMode) is null or "default" ? null : api.NetworkMode,
            Binds = api.Binds,
            PortBindings = api.PortBindings?.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<PortBinding>)(kv.Value ?? []).Select(b => new PortBinding(b.HostIp, b.HostPort)).ToList()),
            Privileged = api.Privileged,
            ReadonlyRootfs = api.ReadonlyRootfs,
            Runtime = Blank(api.Runtime),
            CapAdd = api.CapAdd,
            CapDrop = api.CapDrop,
            Init = api.Init,
            Mounts = api.Mounts?.Select(HostConfigParts.ToDomain).ToList(),
            Tmpfs = api.Tmpfs,
            Memory = Set(api.Memory),
            MemorySwap = Set(api.MemorySwap),
            CpuShares = Set(api.CpuShares),
            NanoCpus = Set(api.NanoCpus),
            CpuQuota = Set(api.CpuQuota),
            CpuPeriod = Set(api.CpuPeriod),
            CpusetCpus = Blank(api.CpusetCpus),
            PidsLimit = api.PidsLimit is > 0 ? api.PidsLimit : null,
            Ulimits = api.Ulimits?.Select(u => new Ulimit(u.Name, u.Soft, u.Hard)).ToList(),
            Devices = api.Devices?.Select(HostConfigParts.ToDomain).ToList(),
            GroupAdd = api.GroupAdd,
            PidMode = Blank(api.PidMode),
            IpcMode = Blank(api.IpcMode),
            UTSMode = Blank(api.UTSMode),
            OomScoreAdj = api.OomScoreAdj == 0 ? null : api.OomScoreAdj,
            SecurityOpt = api.SecurityOpt,
            Sysctls = api.Sysctls,
            ShmSize = Set(api.ShmSize),
            ConsoleSize = api.ConsoleSize is [> 0, > 0] size ? size : null,
            LogConfig = api.LogConfig is { } log ? new LogConfig(log.Type, log.Config) : null,
            Dns = api.Dns,
            DnsSearch = api.DnsSearch,
            DnsOptions = api.DnsOptions,
            ExtraHosts = api.ExtraHosts,
            PublishAllPorts = api.PublishAllPorts,
        };
    }

    /// <summary>docker sends 0 for "not set"; -1 (unlimited swap) is a value.</summary>
    private static long? Set(long value) => value == 0 ? null : value;

    public static ApiContainerConfig ToApi(ContainerConfig config) => new()
    {
        Image = config.Image,
        Hostname = config.Hostname ?? "",
        Domainname = config.Domainname ?? "",
        User = config.User ?? "",
        Env = config.Env?.ToList(),
        Cmd = config.Cmd?.ToList(),
        Entrypoint = config.Entrypoint?.ToList(),
        WorkingDir = config.WorkingDir ?? "",
        Labels = config.Labels?.ToDictionary() ?? new Dictionary<string, string>(),
        ExposedPorts = config.ExposedPorts?.ToDictionary(p => p, _ => EmptyObject()),
        Volumes = config.Volumes?.ToDictionary(p => p, _ => EmptyObject()),
        Tty = config.Tty,
        OpenStdin = config.OpenStdin,
        StdinOnce = config.StdinOnce,
        AttachStdin = config.AttachStdin,
        AttachStdout = config.AttachStdout,
        AttachStderr = config.AttachStderr,
        StopSignal = config.StopSignal,
        StopTimeout = config.StopTimeout,
        Healthcheck = config.Healthcheck is { } h ? new ApiHealthConfig
        {
            Test = h.Test?.ToList(), Interval = h.Interval, Timeout = h.Timeout, StartPeriod = h.StartPeriod,
            StartInterval = h.StartInterval, Retries = h.Retries,
        } : null,
    };

    public static ApiHostConfig ToApi(HostConfig host) => new()
    {
        Binds = host.Binds?.ToList(),
        NetworkMode = host.NetworkMode ?? "bridge",
        PortBindings = host.PortBindings?.ToDictionary(
            kv => kv.Key, kv => (List<ApiPortBinding>?)kv.Value.Select(b => new ApiPortBinding(b.HostIp, b.HostPort)).ToList())
            ?? new Dictionary<string, List<ApiPortBinding>?>(),
        RestartPolicy = new ApiRestartPolicy(host.RestartPolicy.Name, host.RestartPolicy.MaximumRetryCount),
        AutoRemove = host.AutoRemove,
        Privileged = host.Privileged,
        ReadonlyRootfs = host.ReadonlyRootfs,
        Runtime = host.Runtime,
        CapAdd = host.CapAdd?.ToList(),
        CapDrop = host.CapDrop?.ToList(),
        Init = host.Init,
        Mounts = host.Mounts?.Select(HostConfigParts.ToApi).ToList(),
        Tmpfs = host.Tmpfs?.ToDictionary(),
        Memory = host.Memory ?? 0,
        MemorySwap = host.MemorySwap ?? 0,
        CpuShares = host.CpuShares ?? 0,
        NanoCpus = host.NanoCpus ?? 0,
        CpuQuota = host.CpuQuota ?? 0,
        CpuPeriod = host.CpuPeriod ?? 0,
        CpusetCpus = host.CpusetCpus ?? "",
        PidsLimit = host.PidsLimit,
        Ulimits = host.Ulimits?.Select(u => new ApiUlimit(u.Name, u.Soft, u.Hard)).ToList(),
        Devices = host.Devices?.Select(d => new ApiDeviceMapping(d.PathOnHost, d.PathInContainer, d.CgroupPermissions)).ToList(),
        GroupAdd = host.GroupAdd?.ToList(),
        PidMode = host.PidMode ?? "",
        IpcMode = host.IpcMode ?? "private",
        UTSMode = host.UTSMode ?? "",
        OomScoreAdj = host.OomScoreAdj ?? 0,
        SecurityOpt = host.SecurityOpt?.ToList(),
        Sysctls = host.Sysctls?.ToDictionary(),
        ShmSize = host.ShmSize ?? 64L * 1024 * 1024,
        ConsoleSize = [.. host.ConsoleSize ?? [0, 0]],
        LogConfig = new ApiLogConfig(host.LogConfig?.Type is { Length: > 0 } type ? type : "json-file", host.LogConfig?.Config?.ToDictionary() ?? new Dictionary<string, string>()),
        Dns = host.Dns?.ToList() ?? [],
        DnsSearch = host.DnsSearch?.ToList() ?? [],
        DnsOptions = host.DnsOptions?.ToList() ?? [],
        ExtraHosts = host.ExtraHosts?.ToList(),
        PublishAllPorts = host.PublishAllPorts,
    };

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static System.Text.Json.JsonElement EmptyObject() =>
        System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone();
}
