using System.Collections.Immutable;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Journal.Events;
using Berth.Journal.Model;

namespace Berth.Journal.Tests.Serialization;

/// <summary>
/// One realistic instance of every type written under a current manifest: what a daemon journals for
/// an nginx container's life. The round-trip tests use them all; the golden writer freezes them once
/// into <c>Golden/</c> (after that the files, not these objects, are the reference).
/// </summary>
internal static class Samples
{
    public const string Id = "4f9c2b1e7a3d58c06b9e2f41d7a8c3e5b0f6a9d2c4e7b1a3f5d8c0e2b4a6d8f0";
    public const string ImageId = "sha256:9b3c1f5e7a2d4c6b8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b";
    public static readonly DateTimeOffset At = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static readonly ContainerConfig Config = new()
    {
        Image = "nginx:1.27",
        Hostname = "4f9c2b1e7a3d",
        Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.27.4"],
        Cmd = ["nginx", "-g", "daemon off;"],
        Entrypoint = ["/docker-entrypoint.sh"],
        WorkingDir = "/",
        Labels = new Dictionary<string, string> { ["maintainer"] = "NGINX Docker Maintainers <docker-maint@nginx.com>" },
        ExposedPorts = ["80/tcp"],
        AttachStdout = true,
        AttachStderr = true,
        StopSignal = "SIGQUIT",
        StopTimeout = 20,
        Healthcheck = new HealthConfig { Test = ["CMD-SHELL", "curl -f http://localhost/"], Interval = 10_000_000_000, Retries = 3 },
    };

    public static readonly HostConfig HostConfig = new()
    {
        RestartPolicy = new RestartPolicy("on-failure", 5),
        NetworkMode = "bridge",
        Binds = ["/srv/www:/usr/share/nginx/html:ro"],
        PortBindings = new Dictionary<string, IReadOnlyList<PortBinding>> { ["80/tcp"] = [new PortBinding("0.0.0.0", "8080")] },
        Runtime = "crun",
        CapAdd = ["NET_ADMIN"],
        Init = true,
    };

    public static readonly NetworkAllocated Network = new(
        "/run/berth/netns/4f9c2b1e7a3d",
        [new NetworkEndpoint("bridge", "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02")],
        [new PortMapping(80, "tcp", "0.0.0.0", 8080)],
        "/var/lib/berth/containers/" + Id + "/hosts",
        "/var/lib/berth/containers/" + Id + "/resolv.conf",
        "/var/lib/berth/containers/" + Id + "/hostname",
        At.AddMilliseconds(40));

    public static readonly SpecBuilt Bundle = new(
        "/run/berth/containers/" + Id, "sha256:0d4e6f8a1c3b5d7e9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d", At.AddMilliseconds(60));

    public static readonly TaskStarted Task = new(48213, 1234567, 48201, At.AddMilliseconds(95));

    /// <summary>A host config after <c>docker update -m 256m --cpus 1.5 --restart always</c>, with every later field set.</summary>
    public static readonly HostConfig UpdatedHostConfig = HostConfig with
    {
        RestartPolicy = new RestartPolicy("always", 0),
        Mounts = [new MountSpec("volume", "webdata", "/var/cache/nginx") { NoCopy = true }, new MountSpec("tmpfs", null, "/run") { TmpfsSizeBytes = 1 << 20, TmpfsMode = 1023 }],
        Tmpfs = new Dictionary<string, string> { ["/tmp"] = "size=64m" },
        Memory = 256L << 20,
        MemorySwap = 512L << 20,
        CpuShares = 512,
        NanoCpus = 1_500_000_000,
        CpusetCpus = "0-1",
        PidsLimit = 100,
        Ulimits = [new Ulimit("nofile", 1024, 2048)],
        Devices = [new DeviceMapping("/dev/fuse", "/dev/fuse", "rwm")],
        GroupAdd = ["audio"],
        PidMode = "host",
        IpcMode = "container:db",
        UTSMode = "host",
        OomScoreAdj = 500,
        SecurityOpt = ["no-new-privileges"],
        Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" },
        ShmSize = 128L << 20,
        LogConfig = new LogConfig("json-file", new Dictionary<string, string> { ["max-size"] = "10m" }),
    };

    /// <summary>Every event under its current manifest, keyed by manifest.</summary>
    public static readonly IReadOnlyDictionary<string, object> Events = new Dictionary<string, object>
    {
        ["created/1"] = new Created(Id, "web", ImageId, "nginx:1.27", Config, HostConfig, At),
        ["start-requested/1"] = new StartRequested(false, At.AddMilliseconds(10), UserRestart: true),
        ["network-allocated/1"] = Network,
        ["rootfs-mounted/1"] = new RootfsMounted("/var/lib/berth/overlay/" + Id + "/merged", At.AddMilliseconds(50)),
        ["spec-built/1"] = Bundle,
        ["task-started/1"] = Task,
        ["start-failed/1"] = new StartFailed("crun: executable file `nginx` not found in $PATH", 127, At.AddMilliseconds(90)),
        ["stop-requested/1"] = new StopRequested(true, At.AddSeconds(30), 15, StopVerb.Stop),
        ["exited/1"] = new Exited(137, true, true, At.AddSeconds(40), "container killed: out of memory"),
        ["task-deleted/1"] = new TaskDeleted(At.AddSeconds(41)),
        ["rootfs-unmounted/1"] = new RootfsUnmounted(At.AddSeconds(42)),
        ["network-released/1"] = new NetworkReleased(At.AddSeconds(43)),
        ["paused/1"] = new Paused(At.AddSeconds(5)),
        ["unpaused/1"] = new Unpaused(At.AddSeconds(6)),
        ["renamed/1"] = new Renamed("web", "web-old", At.AddSeconds(7)),
        ["restart-scheduled/1"] = new RestartScheduled(3, 400, At.AddSeconds(44)),
        ["restart-cancelled/1"] = new RestartCancelled(At.AddSeconds(45)),
        ["removal-started/1"] = new RemovalStarted(true, At.AddSeconds(50)),
        ["removal-failed/1"] = new RemovalFailed("unlinkat /var/lib/berth/overlay/4f9c2b1e7a3d/diff: device or resource busy", At.AddSeconds(51)),
        ["removed/1"] = new Removed(At.AddSeconds(52)),
        ["network-connected/1"] = new NetworkConnected(
            new EndpointSettings("backend", "172.18.0.9", ["api"]),
            new NetworkEndpoint("backend", "172.18.0.9", 16, "172.18.0.1", "5a:3c:11:0e:42:9b")
            {
                NetworkId = "7d1f3a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f",
                Aliases = ["api"],
            },
            At.AddSeconds(8)),
        ["network-disconnected/1"] = new NetworkDisconnected("backend", At.AddSeconds(9)),
        ["health-status-changed/1"] = new HealthStatusChanged("unhealthy", 3, At.AddSeconds(20)),
        ["network-created/1"] = new NetworkCreated(
            "7d1f3a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f", "backend", "bridge", "172.18.0.0/16", "172.18.0.1",
            "br-7d1f3a9c2e4b", false, new Dictionary<string, string> { ["tier"] = "db" }, null, At.AddSeconds(-30)),
        ["network-removed/1"] = new NetworkRemoved("7d1f3a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f", "backend", At.AddSeconds(60)),
        ["name-reserved/1"] = new NameReserved(Id, "web", At),
        ["name-changed/1"] = new NameChanged(Id, "web", "web-old", At.AddSeconds(7)),
        ["name-released/1"] = new NameReleased(Id, "web-old", At.AddSeconds(52)),
        ["updated/1"] = new Updated(UpdatedHostConfig, At.AddSeconds(8)),
        ["image-loaded/1"] = new ImageLoaded(ImageId, ["nginx:1.27", "nginx:latest"], At.AddSeconds(-60)),
        ["image-imported/1"] = new ImageImported(ImageId, "rootfs:v1", At.AddSeconds(-50)),
        ["image-tagged/1"] = new ImageTagged(ImageId, "web:prod", At.AddSeconds(-40)),
        ["image-untagged/1"] = new ImageUntagged(ImageId, "web:prod", At.AddSeconds(60)),
        ["image-deleted/1"] = new ImageDeleted(ImageId, At.AddSeconds(61)),
    };


    /// <summary>A running container's snapshot: every section of the state filled.</summary>
    public static readonly ContainerState ContainerState = new()
    {
        Id = Id,
        Name = "web",
        ImageId = ImageId,
        ImageRef = "nginx:1.27",
        Config = Config,
        HostConfig = HostConfig,
        CreatedAt = At,
        Status = ContainerStatus.Running,
        Exists = true,
        HoldsNetwork = true,
        HoldsRootfs = true,
        HoldsTask = true,
        Network = Network,
        RootfsPath = "/var/lib/berth/overlay/" + Id + "/merged",
        Bundle = Bundle,
        Task = Task,
        StartedAt = Task.At,
        FinishedAt = At.AddSeconds(-60),
        ExitCode = 0,
        RestartCount = 2,
        LastRestartDelayMs = 200,
        Health = new ContainerHealth("healthy", 0),
    };

    public static readonly RegistryState RegistryState = new()
    {
        NameById = ImmutableDictionary<string, string>.Empty.Add(Id, "web").Add("9e8d7c6b5a4f" + Id[12..], "db"),
        IdByName = ImmutableDictionary<string, string>.Empty.Add("web", Id).Add("db", "9e8d7c6b5a4f" + Id[12..]),
    };

    /// <summary>Every journaled type's sample (events and snapshot states), keyed by manifest.</summary>
    public static IReadOnlyDictionary<string, object> All => new Dictionary<string, object>(Events)
    {
        ["container-state/1"] = ContainerState,
        ["registry-state/1"] = RegistryState,
    };
}
