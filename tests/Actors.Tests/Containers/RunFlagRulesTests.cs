using Berth.Actors.Containers;
using Berth.Journal.Model;
using Berth.Native.Runtime;
using Berth.Protocol;

namespace Berth.Actors.Tests.Containers;

/// <summary>docker's create-time refusals of mounts, resources and privileges, and how a host config maps onto the task.</summary>
public sealed class RunFlagRulesTests
{
    private static readonly HostFacts NoSysResource = new(
        [.. Capabilities.Known.Where(c => c != "CAP_SYS_RESOURCE")], new Dictionary<string, ulong> { ["RLIMIT_NOFILE"] = 20000 }, 0);

    private static string? Refusal(HostConfig host) =>
        CreateRules.Check(new CreateContainer(null, "img", "img", new ContainerConfig { Cmd = ["true"] }, host), NoSysResource)?.Message;

    [Theory]
    [InlineData("relative/dir:/data", "includes invalid characters for a local volume name")]
    [InlineData("/host:data", "mount path must be absolute")]
    [InlineData("/host:/data:rw,ro", "invalid mode")]
    [InlineData("/host:/data:bogus", "invalid mode: bogus")]
    [InlineData("/a:/b:/c:/d", "invalid volume specification")]
    [InlineData("/host:/", "destination can't be '/'")]
    public void Bad_binds_are_refused_as_docker_words_it(string bind, string message)
    {
        Assert.Contains(message, Refusal(new HostConfig { Binds = [bind] }));
    }

    [Fact]
    public void A_mount_bind_of_a_missing_source_is_refused_at_create_but_a_v_bind_makes_its_directory_later()
    {
        var missing = Path.Combine(Path.GetTempPath(), "berth-absent-" + Guid.NewGuid().ToString("N"));

        Assert.Equal($"invalid mount config for type \"bind\": bind source path does not exist: {missing}",
            Refusal(new HostConfig { Mounts = [new MountSpec("bind", missing, "/data")] }));
        Assert.Null(Refusal(new HostConfig { Mounts = [new MountSpec("bind", Path.GetTempPath(), "/data")] }));
        Assert.Null(Refusal(new HostConfig { Binds = [missing + ":/data"] }));
    }

    [Fact]
    public void Binds_volumes_and_tmpfs_are_parsed_into_mounts()
    {
        var host = new HostConfig
        {
            Binds = ["/srv:/srv:ro,rshared", "cache:/cache:nocopy", "/anon"],
            Mounts = [new MountSpec("tmpfs", null, "/run") { TmpfsSizeBytes = 1024, TmpfsMode = 448 }],
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "size=1m" },
        };

        var mounts = MountPlan.Parse(host, null, "abc", out var error);

        Assert.Null(error);
        Assert.Equal(new PlannedMount("bind", "/srv", "/srv", false, "ro,rshared", "rshared") { CreateSource = true }, mounts[0]);
        Assert.True(mounts[1] is { Type: "volume", Source: "cache", NoCopy: true, Anonymous: false });
        Assert.True(mounts[2] is { Type: "volume", Anonymous: true });
        Assert.Equal(MountPlan.AnonymousName("abc", "/anon"), mounts[2].Source);
        Assert.Equal(["noexec", "nosuid", "nodev", "size=1024", "mode=700"], mounts[3].TmpfsOptions);
        Assert.Equal(["noexec", "nosuid", "nodev", "size=1m"], mounts[4].TmpfsOptions);
        Assert.Contains("Duplicate mount point: /x", Refusal(new HostConfig { Binds = ["/a:/x"], Tmpfs = new Dictionary<string, string> { ["/x"] = "" } }));
    }

    [Fact]
    public void Config_volumes_become_anonymous_volumes_unless_a_mount_covers_the_path()
    {
        var host = new HostConfig { Binds = ["/srv:/data"], Tmpfs = new Dictionary<string, string> { ["/tmp"] = "" } };

        var mounts = MountPlan.Parse(host, ["/data", "/tmp/", "/var/lib/db/"], "abc", out var error);

        Assert.Null(error);
        Assert.Equal(["bind /data", "tmpfs /tmp", "volume /var/lib/db"], mounts.Select(m => $"{m.Type} {m.Destination}"));
        Assert.True(mounts[2] is { Anonymous: true, ReadWrite: true, NoCopy: false });
        Assert.Equal(MountPlan.AnonymousName("abc", "/var/lib/db"), mounts[2].Source);
        Assert.Contains("mount path must be absolute",
            CreateRules.Check(new CreateContainer(null, "i", "i", new ContainerConfig { Cmd = ["true"], Volumes = ["data"] }, new HostConfig()), NoSysResource)?.Message);
    }

    [Fact]
    public void Limits_the_daemon_cannot_grant_are_refused_up_front()
    {
        Assert.Contains("above the daemon's own (20000)", Refusal(new HostConfig { Ulimits = [new Ulimit("nofile", 1024, 30000)] }));
        Assert.Contains("soft limit must be less than or equal to hard limit", Refusal(new HostConfig { Ulimits = [new Ulimit("nofile", 3000, 2000)] }));
        Assert.Contains("invalid ulimit type: bogus", Refusal(new HostConfig { Ulimits = [new Ulimit("bogus", 1, 1)] }));
        Assert.Null(Refusal(new HostConfig { Ulimits = [new Ulimit("nofile", 1024, 20000)], OomScoreAdj = 500 }));
        Assert.Contains("below the daemon's own (0)", Refusal(new HostConfig { OomScoreAdj = -100 }));
        Assert.Contains("range for oom score adj is [-1000, 1000]", Refusal(new HostConfig { OomScoreAdj = 2000 }));
        var withSysResource = NoSysResource with { Capabilities = Capabilities.Known };
        Assert.Null(CreateRules.Check(new CreateContainer(null, "i", "i", new ContainerConfig { Cmd = ["true"] }, new HostConfig { OomScoreAdj = -100 }), withSysResource));
    }

    [Theory]
    [InlineData("kernel.hostname", null, null, "is not whitelisted")]
    [InlineData("net.ipv4.ip_forward", "host", null, "not allowed in host network mode")]
    [InlineData("kernel.shmmax", null, "host", "not allowed in host ipc mode")]
    public void Only_namespaced_sysctls_are_allowed(string name, string? network, string? ipc, string message)
    {
        Assert.Contains(message, Refusal(new HostConfig { Sysctls = new Dictionary<string, string> { [name] = "1" }, NetworkMode = network, IpcMode = ipc }));
        Assert.Null(Refusal(new HostConfig { Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024", ["fs.mqueue.msg_max"] = "20" } }));
    }

    [Fact]
    public void Resources_are_checked_with_dockers_words()
    {
        Assert.Equal("Minimum memory limit allowed is 6MB", Refusal(new HostConfig { Memory = 1 << 20 }));
        Assert.Equal("You should always set the Memory limit when using Memoryswap limit, see usage", Refusal(new HostConfig { MemorySwap = 1 << 30 }));
        Assert.Equal("Minimum memoryswap limit should be larger than memory limit, see usage", Refusal(new HostConfig { Memory = 64 << 20, MemorySwap = 32 << 20 }));
        Assert.Contains("Range of CPUs is from 0.01", Refusal(new HostConfig { NanoCpus = 1000L * 1_000_000_000 }));
        Assert.Contains("Requested CPUs are not available", Refusal(new HostConfig { CpusetCpus = "0-999" }));
        Assert.Contains("Invalid value x for cpuset cpus", Refusal(new HostConfig { CpusetCpus = "x" }));
        Assert.Null(Refusal(new HostConfig { Memory = 64 << 20, MemorySwap = -1, CpuShares = 512, NanoCpus = 500_000_000, PidsLimit = 10 }));
    }

    [Fact]
    public void Security_options_and_modes_are_checked()
    {
        Assert.Equal("invalid --security-opt 1: \"bogus\"", Refusal(new HostConfig { SecurityOpt = ["bogus"] }));
        Assert.StartsWith("Decoding seccomp profile failed", Refusal(new HostConfig { SecurityOpt = ["seccomp={bad"] }));
        Assert.Null(Refusal(new HostConfig { SecurityOpt = ["no-new-privileges", "seccomp=unconfined", "label=disable"] }));
        Assert.Equal("unknown capability: \"CAP_NOPE\"", Refusal(new HostConfig { CapAdd = ["CAP_NOPE"] }));
        Assert.Contains("invalid PID mode", Refusal(new HostConfig { PidMode = "bogus" }));
        Assert.Null(Refusal(new HostConfig { PidMode = "container:web", IpcMode = "container:web", UTSMode = "host" }));
        Assert.Contains("no log driver named 'syslog'", Refusal(new HostConfig { LogConfig = new LogConfig("syslog") }));
    }

    [Fact]
    public void A_host_config_maps_onto_the_tasks_limits_and_namespaces()
    {
        var host = new HostConfig { Memory = 32 << 20, NanoCpus = 1_500_000_000, PidsLimit = 0, PidMode = "container:web", IpcMode = "host", UTSMode = "host" };

        var resources = TaskOptionsMapping.Resources(host);
        var namespaces = TaskOptionsMapping.Namespaces(host, new SpecInputs(null, new Dictionary<string, int> { ["web"] = 42 }));

        Assert.Equal(new TaskResources(32 << 20, 64 << 20, null, 150_000, 100_000, null, null), resources);
        Assert.Equal(new TaskNamespaces("/proc/42/ns/pid", TaskNamespaces.Host, TaskNamespaces.Host), namespaces);
        Assert.Equal(["web"], TaskOptionsMapping.Peers(host));
        Assert.Equal(10L << 20, TaskOptionsMapping.LogSizeMax(new HostConfig { LogConfig = new LogConfig("json-file", new Dictionary<string, string> { ["max-size"] = "10m" }) }));
    }

    [Theory]
    [InlineData("32m", 32L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("512", 512L)]
    [InlineData("1.5k", 1536L)]
    [InlineData("10MB", 10L << 20)]
    public void Sizes_are_read_as_dockers_binary_units(string text, long bytes)
    {
        Assert.True(ByteSizes.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
        Assert.False(ByteSizes.TryParse("ten", out _));
    }
}
