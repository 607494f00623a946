using Berth.Journal.Model;
using Berth.Native.Runtime;
using Berth.Protocol;

namespace Berth.Actors.Containers;

/// <summary>Maps a journaled host config onto the runtime's mounts, resources, namespaces and security, with docker's defaults.</summary>
public static class TaskOptionsMapping
{
    /// <summary>docker's CFS period when <c>--cpus</c> is given: 100 ms.</summary>
    public const long DefaultCpuPeriod = 100_000;

    public static IReadOnlyList<TaskMount> Mounts(ContainerState state, SpecInputs inputs)
    {
        var host = state.HostConfig;
        var mounts = new List<TaskMount>();
        foreach (var m in MountPlan.Of(state))
        {
            var rw = m.ReadWrite ? "rw" : "ro";
            mounts.Add(m.Type switch
            {
                "bind" => new TaskMount(m.Destination, m.Source, "bind", ["rbind", m.Propagation, rw]) { CreateSource = m.CreateSource },
                "volume" => new TaskMount(m.Destination, VolumePath(inputs, m.Source), "bind", ["rbind", "rprivate", rw])
                {
                    CreateSource = true,
                    CopyUp = !m.NoCopy,
                },
                _ => new TaskMount(m.Destination, "tmpfs", "tmpfs", m.TmpfsOptions),
            });
        }
        // --ipc host shares the host's /dev/shm too. (--ipc container:<ref> joins the IPC namespace only: the
        // other container's /dev/shm lives in its own mount namespace, which a bind mount cannot reach.)
        if (host.IpcMode == "host" && mounts.All(m => m.Destination != "/dev/shm"))
            mounts.Add(new TaskMount("/dev/shm", "/dev/shm", "bind", ["rbind", "rprivate", "rw"]));
        return mounts;
    }

    private static string VolumePath(SpecInputs inputs, string name) =>
        inputs.VolumePath?.Invoke(name) ?? throw new InvalidOperationException("no volume store is configured");

    public static TaskSecurity Security(HostConfig host)
    {
        var (noNewPrivileges, seccomp) = SecurityRules.Read(host.SecurityOpt);
        return new TaskSecurity(host.Privileged, host.CapAdd, host.CapDrop, noNewPrivileges, seccomp);
    }

    public static TaskResources Resources(HostConfig host)
    {
        var memory = host.Memory is > 0 ? host.Memory : null;
        // docker: swap unset with a memory limit = as much swap as memory; -1 = unlimited.
        var swap = host.MemorySwap switch
        {
            -1 => -1,
            > 0 => host.MemorySwap,
            _ => memory * 2,
        };
        long? quota = host.CpuQuota is > 0 ? host.CpuQuota : null;
        long? period = host.CpuPeriod is > 0 ? host.CpuPeriod : null;
        if (host.NanoCpus is > 0 and var nano)
        {
            period = DefaultCpuPeriod;
            quota = nano * DefaultCpuPeriod / 1_000_000_000;
        }
        return new TaskResources(memory, memory is null && swap is -1 ? null : swap, host.CpuShares is > 0 ? host.CpuShares : null,
            quota, period, string.IsNullOrEmpty(host.CpusetCpus) ? null : host.CpusetCpus, host.PidsLimit is > 0 ? host.PidsLimit : null);
    }

    public static TaskNamespaces Namespaces(HostConfig host, SpecInputs inputs)
    {
        string? Mode(string? mode, string type) =>
            mode == "host" ? TaskNamespaces.Host
            : SecurityRules.IsContainerMode(mode) && inputs.PeerPids.TryGetValue(mode![10..], out var pid) ? $"/proc/{pid}/ns/{type}"
            : null;
        return new TaskNamespaces(Mode(host.PidMode, "pid"), Mode(host.IpcMode, "ipc"), host.UTSMode == "host" ? TaskNamespaces.Host : null);
    }

    /// <summary>The refs of the containers whose namespaces this one joins.</summary>
    public static IReadOnlyList<string> Peers(HostConfig host) =>
        [.. new[] { host.PidMode, host.IpcMode }.Where(SecurityRules.IsContainerMode).Select(m => m![10..]).Distinct()];

    public static long? LogSizeMax(HostConfig host) =>
        host.LogConfig?.Config is { } options && options.TryGetValue("max-size", out var text) && ByteSizes.TryParse(text, out var bytes) && bytes > 0
            ? bytes : null;
}
