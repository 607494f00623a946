using Berth.Journal.Model;
using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

/// <summary>
/// Turns a container's merged configuration into what the runtime needs for its init process, with
/// Docker's defaults: args = Entrypoint + Cmd, cwd <c>/</c>, hostname = the short id, PATH when the
/// image sets none, HOSTNAME always, TERM=xterm with a TTY; then its mounts, resources, namespaces
/// and privileges (<see cref="TaskOptionsMapping"/>).
/// </summary>
public static class TaskSpecFactory
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static TaskSpec Build(ContainerState state, string rootfsPath, string defaultRuntime, SpecInputs? inputs = null)
    {
        inputs ??= SpecInputs.None;
        var config = state.Config;
        var hostname = Hostname(state);
        var env = new List<string>();
        if (config.Env?.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)) != true) env.Add("PATH=" + DefaultPath);
        env.Add("HOSTNAME=" + hostname);
        if (config.Tty) env.Add("TERM=xterm");
        env.AddRange(config.Env ?? []);
        var host = state.HostConfig;
        var own = TaskOptionsMapping.Mounts(state, inputs);
        var taken = own.Select(m => m.Destination).ToHashSet(StringComparer.Ordinal);
        return new TaskSpec(
            Args: Args(config),
            Env: env,
            WorkingDir: string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir,
            User: string.IsNullOrEmpty(config.User) ? null : config.User,
            Hostname: hostname,
            Tty: config.Tty,
            OpenStdin: config.OpenStdin,
            RootfsPath: rootfsPath,
            ReadonlyRootfs: host.ReadonlyRootfs,
            NetnsPath: state.Network?.SandboxKey,
            Runtime: host.Runtime ?? defaultRuntime,
            HostNetwork: host.NetworkMode == "host",
            // A file the container mounts itself (e.g. -v ./hosts:/etc/hosts) wins over the sandbox's.
            Mounts: [.. NetworkFileMounts(state).Where(m => !taken.Contains(m.Destination)), .. own],
            StdinOnce: config.StdinOnce)
        {
            Security = TaskOptionsMapping.Security(host),
            Resources = TaskOptionsMapping.Resources(host),
            Namespaces = TaskOptionsMapping.Namespaces(host, inputs),
            Rlimits = [.. (host.Ulimits ?? []).Select(u => new TaskRlimit(RlimitNames.ByDockerName[u.Name], (ulong)u.Soft, (ulong)u.Hard))],
            GroupAdd = host.GroupAdd ?? [],
            Devices = [.. (host.Devices ?? []).Select(d => new TaskDevice(d.PathOnHost, d.PathInContainer, d.CgroupPermissions))],
            Sysctls = host.Sysctls ?? new Dictionary<string, string>(),
            Init = host.Init == true,
            OomScoreAdj = host.OomScoreAdj,
            ShmSizeBytes = host.ShmSize is > 0 ? host.ShmSize : null,
            ConsoleSize = config.Tty ? host.ConsoleSize : null,
            LogSizeMax = TaskOptionsMapping.LogSizeMax(host),
        };
    }

    /// <summary>The sandbox's hosts, hostname and resolv.conf bound over the image's (read-only with a read-only rootfs, as Docker).</summary>
    private static IReadOnlyList<TaskMount> NetworkFileMounts(ContainerState state)
    {
        if (state.Network is not { } network) return [];
        var mode = state.HostConfig.ReadonlyRootfs ? "ro" : "rw";
        var mounts = new List<TaskMount>();
        void Add(string? source, string destination)
        {
            if (!string.IsNullOrEmpty(source)) mounts.Add(new TaskMount(destination, source, "bind", ["rbind", "rprivate", mode]));
        }
        Add(network.ResolvConfPath, "/etc/resolv.conf");
        Add(network.HostnamePath, "/etc/hostname");
        Add(network.HostsPath, "/etc/hosts");
        return mounts;
    }

    /// <summary>The process to run: Entrypoint followed by Cmd.</summary>
    public static IReadOnlyList<string> Args(ContainerConfig config) =>
        [.. config.Entrypoint ?? [], .. config.Cmd ?? []];

    /// <summary>The container's hostname: configured, else the 12-character short id (Docker's default).</summary>
    public static string Hostname(ContainerState state) =>
        string.IsNullOrEmpty(state.Config.Hostname) ? state.Id[..Math.Min(12, state.Id.Length)] : state.Config.Hostname;
}

/// <summary>
/// What a spec needs from outside the container's own state: where a volume's data lives, and the
/// init pids of the containers whose namespaces it joins (<c>--pid/--ipc container:&lt;ref&gt;</c>), by ref.
/// </summary>
public sealed record SpecInputs(Func<string, string>? VolumePath, IReadOnlyDictionary<string, int> PeerPids)
{
    public static readonly SpecInputs None = new(null, new Dictionary<string, int>());
}
