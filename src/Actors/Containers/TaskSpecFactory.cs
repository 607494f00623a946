using Berth.Native.Runtime;

namespace Berth.Actors.Containers;

/// <summary>
/// Turns a container's merged configuration into what the runtime needs for its init process, with
/// Docker's defaults: args = Entrypoint + Cmd, cwd <c>/</c>, hostname = the short id, PATH when the
/// image sets none, HOSTNAME always, TERM=xterm with a TTY.
/// </summary>
public static class TaskSpecFactory
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static TaskSpec Build(ContainerState state, string rootfsPath, string defaultRuntime)
    {
        var config = state.Config;
        var hostname = Hostname(state);
        var env = new List<string>();
        if (config.Env?.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)) != true) env.Add("PATH=" + DefaultPath);
        env.Add("HOSTNAME=" + hostname);
        if (config.Tty) env.Add("TERM=xterm");
        env.AddRange(config.Env ?? []);
        return new TaskSpec(
            Args: Args(config),
            Env: env,
            WorkingDir: string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir,
            User: string.IsNullOrEmpty(config.User) ? null : config.User,
            Hostname: hostname,
            Tty: config.Tty,
            OpenStdin: config.OpenStdin,
            RootfsPath: rootfsPath,
            ReadonlyRootfs: state.HostConfig.ReadonlyRootfs,
            NetnsPath: state.Network?.SandboxKey,
            Runtime: state.HostConfig.Runtime ?? defaultRuntime,
            HostNetwork: state.HostConfig.NetworkMode == "host",
            Mounts: NetworkFileMounts(state),
            StdinOnce: config.StdinOnce);
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
    public static IReadOnlyList<string> Args(Journal.Model.ContainerConfig config) =>
        [.. config.Entrypoint ?? [], .. config.Cmd ?? []];

    /// <summary>The container's hostname: configured, else the 12-character short id (Docker's default).</summary>
    public static string Hostname(ContainerState state) =>
        string.IsNullOrEmpty(state.Config.Hostname) ? state.Id[..Math.Min(12, state.Id.Length)] : state.Config.Hostname;
}
