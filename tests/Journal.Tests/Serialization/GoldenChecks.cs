using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Journal.Tests.Serialization;

/// <summary>
/// What each golden sample must still read as, by manifest. The values are those frozen in the
/// files; a retired manifest keeps its entry and checks what its upcaster makes of it.
/// </summary>
internal static class GoldenChecks
{
    private const string Id = "4f9c2b1e7a3d58c06b9e2f41d7a8c3e5b0f6a9d2c4e7b1a3f5d8c0e2b4a6d8f0";
    private const string ImageId = "sha256:9b3c1f5e7a2d4c6b8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b";
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, Action<object>> ByManifest = new Dictionary<string, Action<object>>
    {
        ["created/1"] = o =>
        {
            var e = Assert.IsType<Created>(o);
            Assert.Equal((Id, "web", "nginx:1.27", T0), (e.Id, e.Name, e.ImageRef, e.At));
            Assert.StartsWith("sha256:9b3c", e.ImageId);
            Assert.Equal(["nginx", "-g", "daemon off;"], e.Config.Cmd!);
            Assert.Equal("NGINX Docker Maintainers <docker-maint@nginx.com>", e.Config.Labels!["maintainer"]);
            Assert.Equal(20, e.Config.StopTimeout);
            Assert.Equal(("on-failure", 5), (e.HostConfig.RestartPolicy.Name, e.HostConfig.RestartPolicy.MaximumRetryCount));
            Assert.Equal("8080", Assert.Single(e.HostConfig.PortBindings!["80/tcp"]).HostPort);
            Assert.True(e.HostConfig.Init);
        },
        ["updated/1"] = o =>
        {
            var e = Assert.IsType<Updated>(o);
            Assert.Equal(T0.AddSeconds(8), e.At);
            var h = e.HostConfig;
            Assert.Equal("always", h.RestartPolicy.Name);
            Assert.Equal((256L << 20, 512L << 20, 512L, 1_500_000_000L, "0-1", 100L), (h.Memory, h.MemorySwap, h.CpuShares, h.NanoCpus, h.CpusetCpus, h.PidsLimit));
            Assert.Equal(new Ulimit("nofile", 1024, 2048), Assert.Single(h.Ulimits!));
            Assert.Equal(("volume", "webdata", "/var/cache/nginx", true), (h.Mounts![0].Type, h.Mounts[0].Source, h.Mounts[0].Target, h.Mounts[0].NoCopy));
            Assert.Equal((1L << 20, 1023), (h.Mounts[1].TmpfsSizeBytes, h.Mounts[1].TmpfsMode));
            Assert.Equal("size=64m", h.Tmpfs!["/tmp"]);
            Assert.Equal(("host", "container:db", "host", 500), (h.PidMode, h.IpcMode, h.UTSMode, h.OomScoreAdj));
            Assert.Equal(["no-new-privileges"], h.SecurityOpt!);
            Assert.Equal("1024", h.Sysctls!["net.core.somaxconn"]);
            Assert.Equal(128L << 20, h.ShmSize);
            Assert.Equal("10m", h.LogConfig!.Config!["max-size"]);
            Assert.Equal(new DeviceMapping("/dev/fuse", "/dev/fuse", "rwm"), Assert.Single(h.Devices!));
            Assert.Equal(["audio"], h.GroupAdd!);
        },
        ["start-requested/1"] = o => Assert.Equal(new StartRequested(false, T0.AddMilliseconds(10)), o),
        ["network-connected/1"] = o =>
        {
            var e = Assert.IsType<NetworkConnected>(o);
            Assert.Equal(("backend", "172.18.0.9"), (e.Settings.Network, e.Settings.IPv4Address));
            Assert.Equal(["api"], e.Settings.Aliases!);
            Assert.Equal(("backend", "172.18.0.9", 16), (e.Endpoint!.Network, e.Endpoint.IPAddress, e.Endpoint.IPPrefixLen));
            Assert.StartsWith("7d1f3a9c", e.Endpoint.NetworkId);
            Assert.Equal(T0.AddSeconds(8), e.At);
        },
        ["network-disconnected/1"] = o => Assert.Equal(new NetworkDisconnected("backend", T0.AddSeconds(9)), o),
        ["health-status-changed/1"] = o => Assert.Equal(new HealthStatusChanged("unhealthy", 3, T0.AddSeconds(20)), o),
        ["network-created/1"] = o =>
        {
            var e = Assert.IsType<NetworkCreated>(o);
            Assert.Equal(("backend", "bridge", "172.18.0.0/16", "172.18.0.1", "br-7d1f3a9c2e4b", false),
                (e.Name, e.Driver, e.Subnet, e.Gateway, e.BridgeName, e.Internal));
            Assert.Equal("db", e.Labels!["tier"]);
            Assert.Equal(T0.AddSeconds(-30), e.At);
        },
        ["network-removed/1"] = o => Assert.Equal(new NetworkRemoved("7d1f3a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f", "backend", T0.AddSeconds(60)), o),
        ["network-allocated/1"] = o =>
        {
            var e = Assert.IsType<NetworkAllocated>(o);
            Assert.Equal("/run/berth/netns/4f9c2b1e7a3d", e.SandboxKey);
            var endpoint = Assert.Single(e.Networks);
            Assert.Equal(("bridge", "172.17.0.2", 16, "172.17.0.1"), (endpoint.Network, endpoint.IPAddress, endpoint.IPPrefixLen, endpoint.Gateway));
            Assert.Equal(new(80, "tcp", "0.0.0.0", 8080), Assert.Single(e.Ports));
            Assert.EndsWith("/resolv.conf", e.ResolvConfPath);
            Assert.Equal(T0.AddMilliseconds(40), e.At);
        },
        ["rootfs-mounted/1"] = o => Assert.Equal(new RootfsMounted($"/var/lib/berth/overlay/{Id}/merged", T0.AddMilliseconds(50)), o),
        ["spec-built/1"] = o =>
        {
            var e = Assert.IsType<SpecBuilt>(o);
            Assert.Equal(($"/run/berth/containers/{Id}", T0.AddMilliseconds(60)), (e.BundlePath, e.At));
            Assert.StartsWith("sha256:0d4e", e.SpecDigest);
        },
        ["task-started/1"] = o => Assert.Equal(new TaskStarted(48213, 1234567, 48201, T0.AddMilliseconds(95)), o),
        ["start-failed/1"] = o => Assert.Equal(new StartFailed("crun: executable file `nginx` not found in $PATH", 127, T0.AddMilliseconds(90)), o),
        ["stop-requested/1"] = o => Assert.Equal(new StopRequested(true, T0.AddSeconds(30)), o),
        ["exited/1"] = o => Assert.Equal(new Exited(137, true, true, T0.AddSeconds(40), "container killed: out of memory"), o),
        ["task-deleted/1"] = o => Assert.Equal(new TaskDeleted(T0.AddSeconds(41)), o),
        ["rootfs-unmounted/1"] = o => Assert.Equal(new RootfsUnmounted(T0.AddSeconds(42)), o),
        ["network-released/1"] = o => Assert.Equal(new NetworkReleased(T0.AddSeconds(43)), o),
        ["paused/1"] = o => Assert.Equal(new Paused(T0.AddSeconds(5)), o),
        ["unpaused/1"] = o => Assert.Equal(new Unpaused(T0.AddSeconds(6)), o),
        ["renamed/1"] = o => Assert.Equal(new Renamed("web", "web-old", T0.AddSeconds(7)), o),
        ["restart-scheduled/1"] = o => Assert.Equal(new RestartScheduled(3, 400, T0.AddSeconds(44)), o),
        ["restart-cancelled/1"] = o => Assert.Equal(new RestartCancelled(T0.AddSeconds(45)), o),
        ["image-loaded/1"] = o =>
        {
            var e = Assert.IsType<ImageLoaded>(o);
            Assert.Equal((ImageId, T0.AddSeconds(-60)), (e.Id, e.At));
            Assert.Equal(["nginx:1.27", "nginx:latest"], e.Tags);
        },
        ["image-imported/1"] = o => Assert.Equal(new ImageImported(ImageId, "rootfs:v1", T0.AddSeconds(-50)), o),
        ["image-tagged/1"] = o => Assert.Equal(new ImageTagged(ImageId, "web:prod", T0.AddSeconds(-40)), o),
        ["image-untagged/1"] = o => Assert.Equal(new ImageUntagged(ImageId, "web:prod", T0.AddSeconds(60)), o),
        ["image-deleted/1"] = o => Assert.Equal(new ImageDeleted(ImageId, T0.AddSeconds(61)), o),
        ["removal-started/1"] = o => Assert.Equal(new RemovalStarted(true, T0.AddSeconds(50)), o),
        ["removal-failed/1"] = o => Assert.Equal(new RemovalFailed("unlinkat /var/lib/berth/overlay/4f9c2b1e7a3d/diff: device or resource busy", T0.AddSeconds(51)), o),
        ["removed/1"] = o => Assert.Equal(new Removed(T0.AddSeconds(52)), o),
        ["name-reserved/1"] = o => Assert.Equal(new NameReserved(Id, "web", T0), o),
        ["name-changed/1"] = o => Assert.Equal(new NameChanged(Id, "web", "web-old", T0.AddSeconds(7)), o),
        ["name-released/1"] = o => Assert.Equal(new NameReleased(Id, "web-old", T0.AddSeconds(52)), o),
        ["container-state/1"] = o =>
        {
            var s = Assert.IsType<ContainerState>(o);
            Assert.Equal((Id, "web", ContainerStatus.Running, true), (s.Id, s.Name, s.Status, s.Exists));
            Assert.True(s is { HoldsNetwork: true, HoldsRootfs: true, HoldsTask: true, StartInProgress: false });
            Assert.Equal(new TaskStarted(48213, 1234567, 48201, T0.AddMilliseconds(95)), s.Task);
            Assert.Equal("172.17.0.2", Assert.Single(s.Network!.Networks).IPAddress);
            Assert.Equal($"/run/berth/containers/{Id}", s.Bundle!.BundlePath);
            Assert.Equal(("on-failure", 2, 200L), (s.HostConfig.RestartPolicy.Name, s.RestartCount, s.LastRestartDelayMs));
            Assert.Equal((T0, T0.AddMilliseconds(95)), (s.CreatedAt, s.StartedAt));
            Assert.Equal("", s.Error);
        },
        ["registry-state/1"] = o =>
        {
            var s = Assert.IsType<RegistryState>(o);
            Assert.Equal("web", s.NameById[Id]);
            Assert.Equal(Id, s.IdByName["web"]);
            Assert.Equal(2, s.NameById.Count);
            Assert.Equal(new RegistryState.Lookup.Found(Id), s.Find("4f9c"));
            Assert.Equal(new RegistryState.Lookup.Found(s.IdByName["db"]), s.Find("db"));
        },
    };
}
