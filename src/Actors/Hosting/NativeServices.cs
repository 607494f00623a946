using Berth.Actors.Containers;
using Berth.Actors.Restart;
using Berth.Native.Images;
using Berth.Native.Network;
using Berth.Native.Runtime;
using Berth.Native.Storage;

namespace Berth.Actors.Hosting;

/// <summary>
/// Composes the real OS boundaries for the daemon: conmon + crun/runc, the image and overlay layer
/// stores, CNI networking. Refuses to start, saying what to do, when the host cannot run containers
/// (no conmon, no runtime, crun on a cgroup v1 hybrid host with a controller left in cgroup2).
/// </summary>
public static class NativeServices
{
    public static PreparedServices Create(HostPaths paths, TimeProvider clock, RestartBackoff backoff, int snapshotEvery) =>
        Create(paths, clock, backoff, snapshotEvery, NetworkFrom(paths));

    /// <summary>The networking the daemon settings ask for: the default bridge's subnet and MTU, the pools of user-defined networks.</summary>
    public static NetworkSettings NetworkFrom(HostPaths paths)
    {
        var network = new NetworkSettings(paths.ExecRoot, paths.DataRoot) { Mtu = paths.Mtu };
        if (paths.BridgeSubnet is { } subnet) network = network with { Subnet = subnet };
        return paths.AddressPools is { } pools ? network with { AddressPools = pools } : network;
    }

    /// <param name="network">
    /// The default bridge network (tests pass their own bridge and subnet). A separate overload, so
    /// the Supervisor's call names no Native type and keeps off the Native assembly.
    /// </param>
    public static PreparedServices Create(HostPaths paths, TimeProvider clock, RestartBackoff backoff, int snapshotEvery, NetworkSettings network)
    {
        var runtime = RuntimeSettings.Discover(paths.ExecRoot, paths.DataRoot, paths.DefaultRuntime) with { LogSizeMax = paths.LogSizeMax };
        if (RuntimeHostCheck.Run(runtime) is { Count: > 0 } problems)
            throw new HostNotReadyException(problems);
        var images = ImageStore.Open(paths.DataRoot, clock);
        var services = new ContainerServices(
            new ConmonTaskRuntime(runtime, clock),
            new CniNetworkSandboxes(network),
            new OverlayRwLayers(images),
            clock, backoff, paths.DefaultRuntime, snapshotEvery, images,
            new LocalVolumeStore(Path.Combine(paths.DataRoot, "volumes"), clock))
        {
            Networks = new CniNetworkDefinitions(network),
        };
        return new PreparedServices(services, runtime.Runtimes);
    }
}

/// <summary>The composed services and the OCI runtimes found on this host (name → path).</summary>
public sealed record PreparedServices(ContainerServices Services, IReadOnlyDictionary<string, string> Runtimes);

/// <summary>The host lacks something berth needs; each problem says what to do.</summary>
public sealed class HostNotReadyException(IReadOnlyList<string> problems)
    : Exception("this host cannot run containers yet:\n  - " + string.Join("\n  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
