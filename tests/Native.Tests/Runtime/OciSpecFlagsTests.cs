using System.Text.Json.Nodes;
using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

/// <summary>Each run flag's part of the generated spec, and every generated spec valid for the OCI schema.</summary>
public sealed class OciSpecFlagsTests
{
    private const string Id = "4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";
    private static readonly IReadOnlyList<string> Host = [.. Capabilities.Known.Where(c => c != "CAP_SYS_RESOURCE")];

    private static TaskSpec Spec(IReadOnlyList<TaskMount>? mounts = null) => new(
        ["/bin/sh", "-c", "true"], ["PATH=/bin"], "/", null, "box", false, false, "/rootfs", false, null, "crun", Mounts: mounts);

    private static JsonObject Build(TaskSpec spec, JsonObject? seccomp = null, IReadOnlyList<LinuxDevice>? devices = null)
    {
        var options = new OciSpecOptions("/berth", seccomp) { InitPath = "/usr/bin/tini-static", HostCapabilities = Host, Devices = devices ?? [] };
        var built = JsonNode.Parse(OciSpecBuilder.Build(Id, spec, ProcessUser.Root, options).ToJsonString())!.AsObject();
        Assert.Empty(OciSchemaCheck.Problems(built));
        return built;
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    private static JsonObject MountAt(JsonObject spec, string destination) =>
        spec["mounts"]!.AsArray().Single(m => (string?)m!["destination"] == destination)!.AsObject();

    private static readonly JsonObject Profile = new()
    {
        ["defaultAction"] = "SCMP_ACT_ERRNO",
        ["syscalls"] = new JsonArray(
            new JsonObject { ["names"] = new JsonArray("read"), ["action"] = "SCMP_ACT_ALLOW" },
            new JsonObject { ["names"] = new JsonArray("ptrace"), ["action"] = "SCMP_ACT_ALLOW", ["includes"] = new JsonObject { ["caps"] = new JsonArray("CAP_SYS_PTRACE") } }),
    };

    [Fact]
    public void Binds_volumes_and_tmpfs_follow_the_defaults_and_replace_one_at_the_same_place()
    {
        var spec = Build(Spec([
            new TaskMount("/data", "/srv/data", "bind", ["rbind", "rprivate", "ro"]),
            new TaskMount("/dev/shm", "/dev/shm", "bind", ["rbind", "rprivate", "rw"]),
            new TaskMount("/run", "tmpfs", "tmpfs", ["noexec", "nosuid", "nodev", "size=1m"]),
        ]));

        Assert.Equal(["rbind", "rprivate", "ro"], Strings(MountAt(spec, "/data")["options"]));
        Assert.Equal("bind", (string?)MountAt(spec, "/dev/shm")["type"]);
        Assert.Single(spec["mounts"]!.AsArray(), m => (string?)m!["destination"] == "/dev/shm");
        Assert.Equal("tmpfs", (string?)MountAt(spec, "/run")["type"]);
        Assert.Contains("size=1m", Strings(MountAt(spec, "/run")["options"]));
    }

    [Fact]
    public void Shm_size_sizes_dev_shm()
    {
        var spec = Build(Spec() with { ShmSizeBytes = 1 << 20 });

        Assert.Contains("size=1048576", Strings(MountAt(spec, "/dev/shm")["options"]));
        Assert.DoesNotContain("size=65536k", Strings(MountAt(spec, "/dev/shm")["options"]));
    }

    [Fact]
    public void Resources_become_the_cgroup_limits()
    {
        var spec = Build(Spec() with { Resources = new TaskResources(64L << 20, 128L << 20, 512, 50_000, 100_000, "0-1", 50) });
        var resources = spec["linux"]!["resources"]!;

        Assert.Equal((64L << 20, 128L << 20), ((long)resources["memory"]!["limit"]!, (long)resources["memory"]!["swap"]!));
        Assert.Equal((512L, 50_000L, 100_000L, "0-1"), ((long)resources["cpu"]!["shares"]!, (long)resources["cpu"]!["quota"]!,
            (long)resources["cpu"]!["period"]!, (string?)resources["cpu"]!["cpus"]));
        Assert.Equal(50L, (long)resources["pids"]!["limit"]!);
        Assert.False(Build(Spec())["linux"]!["resources"]!.AsObject().ContainsKey("memory"));
    }

    [Fact]
    public void Cap_add_and_cap_drop_follow_dockers_rules()
    {
        Assert.Equal([.. OciDefaults.Capabilities.Where(c => c != "CAP_NET_RAW"), "CAP_SYS_ADMIN"],
            Strings(Build(Spec() with { Security = new TaskSecurity(CapAdd: ["sys_admin"], CapDrop: ["NET_RAW"]) })["process"]!["capabilities"]!["bounding"]));
        Assert.Equal(["CAP_NET_RAW"],
            Strings(Build(Spec() with { Security = new TaskSecurity(CapAdd: ["CAP_NET_RAW"], CapDrop: ["all"]) })["process"]!["capabilities"]!["effective"]));
        var all = Strings(Build(Spec() with { Security = new TaskSecurity(CapAdd: ["ALL"], CapDrop: ["MKNOD"]) })["process"]!["capabilities"]!["permitted"]);
        Assert.Equal(Host.Count - 1, all.Count);
        Assert.DoesNotContain("CAP_SYS_RESOURCE", all);
        Assert.Null(Capabilities.FirstUnknown(["net_admin", "CAP_SYS_TIME", "all"]));
        Assert.Equal("unknown capability: \"CAP_BOGUS\"", Capabilities.FirstUnknown(["CAP_BOGUS"]));
    }

    [Fact]
    public void Privileged_gets_every_cap_the_daemon_has_every_device_and_no_confinement()
    {
        var spec = Build(Spec() with { Security = new TaskSecurity(Privileged: true) }, Profile,
            [new LinuxDevice("/dev/fuse", "c", 10, 229, 438, 0, 0, "rwm")]);
        var linux = spec["linux"]!.AsObject();

        Assert.Equal(Host, Strings(spec["process"]!["capabilities"]!["bounding"]));
        Assert.False(linux.ContainsKey("seccomp"));
        Assert.False(linux.ContainsKey("maskedPaths"));
        Assert.False(linux.ContainsKey("readonlyPaths"));
        var rule = Assert.Single(linux["resources"]!["devices"]!.AsArray())!;
        Assert.True((bool)rule["allow"]!);
        Assert.Equal("/dev/fuse", (string?)linux["devices"]![0]!["path"]);
        Assert.DoesNotContain("ro", Strings(MountAt(spec, "/sys")["options"]));
    }

    [Fact]
    public void A_device_is_created_and_allowed_in_the_device_cgroup()
    {
        var linux = Build(Spec(), devices: [new LinuxDevice("/dev/xfuse", "c", 10, 229, 438, 0, 0, "rw")])["linux"]!;

        Assert.Equal(("/dev/xfuse", 10L, 229L), ((string?)linux["devices"]![0]!["path"], (long)linux["devices"]![0]!["major"]!, (long)linux["devices"]![0]!["minor"]!));
        Assert.Contains(linux["resources"]!["devices"]!.AsArray(), r => (bool)r!["allow"]! && (long?)r["major"] == 10 && (long?)r["minor"] == 229 && (string?)r["access"] == "rw");
    }

    [Fact]
    public void Seccomp_is_converted_for_the_containers_caps_and_off_when_unconfined()
    {
        var plain = Build(Spec(), Profile)["linux"]!["seccomp"]!;
        var ptrace = Build(Spec() with { Security = new TaskSecurity(CapAdd: ["SYS_PTRACE"]) }, Profile)["linux"]!["seccomp"]!;
        var custom = Build(Spec() with { Security = new TaskSecurity(Seccomp: """{"defaultAction": "SCMP_ACT_LOG"}""") }, Profile)["linux"]!["seccomp"]!;

        Assert.Single(plain["syscalls"]!.AsArray());
        Assert.Equal(2, ptrace["syscalls"]!.AsArray().Count);
        Assert.Equal("SCMP_ACT_LOG", (string?)custom["defaultAction"]);
        Assert.False(Build(Spec() with { Security = new TaskSecurity(Seccomp: TaskSecurity.Unconfined) }, Profile)["linux"]!.AsObject().ContainsKey("seccomp"));
        Assert.Throws<RuntimeException>(() => Build(Spec() with { Security = new TaskSecurity(Seccomp: "{not json") }, Profile));
    }

    [Fact]
    public void Host_and_joined_namespaces_are_left_out_or_given_a_path()
    {
        var spec = Build(Spec() with { Namespaces = new TaskNamespaces(TaskNamespaces.Host, "/proc/42/ns/ipc", TaskNamespaces.Host) });
        var namespaces = spec["linux"]!["namespaces"]!.AsArray();

        Assert.Equal(["ipc", "mount", "network"], namespaces.Select(n => (string)n!["type"]!));
        Assert.Equal("/proc/42/ns/ipc", (string?)namespaces[0]!["path"]);
        Assert.False(spec.ContainsKey("hostname"));
    }

    [Fact]
    public void Init_runs_in_front_of_the_command_from_a_read_only_bind()
    {
        var spec = Build(Spec() with { Init = true });

        Assert.Equal(["/sbin/docker-init", "--", "/bin/sh", "-c", "true"], Strings(spec["process"]!["args"]));
        var init = MountAt(spec, "/sbin/docker-init");
        Assert.Equal("/usr/bin/tini-static", (string?)init["source"]);
        Assert.Contains("ro", Strings(init["options"]));
        Assert.Throws<RuntimeException>(() => OciSpecBuilder.Build(Id, Spec() with { Init = true }, ProcessUser.Root, new OciSpecOptions("/berth", null)));
    }

    [Fact]
    public void Rlimits_oom_score_no_new_privileges_and_sysctls_reach_the_spec()
    {
        var spec = Build(Spec() with
        {
            Rlimits = [new TaskRlimit("RLIMIT_NOFILE", 1024, 2048)],
            OomScoreAdj = 500,
            Security = new TaskSecurity(NoNewPrivileges: true),
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
        });
        var process = spec["process"]!;

        var rlimit = Assert.Single(process["rlimits"]!.AsArray())!;
        Assert.Equal(("RLIMIT_NOFILE", 1024UL, 2048UL), ((string?)rlimit["type"], (ulong)rlimit["soft"]!, (ulong)rlimit["hard"]!));
        Assert.Equal(500, (int)process["oomScoreAdj"]!);
        Assert.True((bool)process["noNewPrivileges"]!);
        Assert.Equal("1", (string?)spec["linux"]!["sysctl"]!["net.ipv4.ip_forward"]);
    }

    [Fact]
    public void A_tty_starts_at_the_clients_console_size()
    {
        var sized = Build(Spec() with { Tty = true, ConsoleSize = [30, 100] })["process"]!;
        var noTty = Build(Spec() with { ConsoleSize = [30, 100] })["process"]!;

        Assert.Equal((30, 100), ((int)sized["consoleSize"]!["height"]!, (int)sized["consoleSize"]!["width"]!));
        Assert.Null(noTty["consoleSize"]);
    }

    [Fact]
    public void The_schema_check_catches_a_broken_spec()
    {
        var broken = Build(Spec());
        broken["process"]!["cwd"] = "relative";
        broken["linux"]!["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "pid" });

        Assert.Equal(2, OciSchemaCheck.Problems(broken).Count);
    }

    [Fact]
    public void The_daemons_hard_limits_are_read_from_proc_limits()
    {
        var limits = HostFacts.ParseLimits([
            "Limit                     Soft Limit           Hard Limit           Units",
            "Max open files            1024                 20000                files",
            "Max core file size        0                    unlimited            bytes",
        ]);

        Assert.Equal(20000UL, limits["RLIMIT_NOFILE"]);
        Assert.Equal(ulong.MaxValue, limits["RLIMIT_CORE"]);
        Assert.Contains("CAP_CHOWN", HostFacts.Daemon.Capabilities);
    }
}
