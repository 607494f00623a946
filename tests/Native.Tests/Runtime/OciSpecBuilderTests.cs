using System.Text.Json.Nodes;
using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class OciSpecBuilderTests
{
    private const string Id = "4f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";

    private static TaskSpec Spec(string? netns = null, bool tty = false, bool readOnly = false, IReadOnlyList<string>? args = null) => new(
        Args: args ?? ["/bin/sh", "-c", "echo hi"],
        Env: ["PATH=/usr/bin:/bin", "HOSTNAME=4f1c2d3e4f5a"],
        WorkingDir: "/work",
        User: null,
        Hostname: "4f1c2d3e4f5a",
        Tty: tty,
        OpenStdin: false,
        RootfsPath: "/var/lib/berth/overlay/x/merged",
        ReadonlyRootfs: readOnly,
        NetnsPath: netns,
        Runtime: "crun");

    // Round-tripped through text: the assertions read what the runtime will read.
    private static JsonObject Build(TaskSpec spec, ProcessUser? user = null, JsonObject? seccomp = null) =>
        JsonNode.Parse(OciSpecBuilder.Build(Id, spec, user ?? ProcessUser.Root, new OciSpecOptions("/berth", seccomp)).ToJsonString())!.AsObject();

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];

    [Fact]
    public void The_spec_has_every_field_the_OCI_runtime_requires()
    {
        var spec = Build(Spec());

        Assert.Equal("1.0.2", (string?)spec["ociVersion"]);
        var process = spec["process"]!.AsObject();
        Assert.Equal(["/bin/sh", "-c", "echo hi"], Strings(process["args"]));
        Assert.Equal(["PATH=/usr/bin:/bin", "HOSTNAME=4f1c2d3e4f5a"], Strings(process["env"]));
        Assert.Equal("/work", (string?)process["cwd"]);
        Assert.Equal(0u, (uint)process["user"]!["uid"]!);
        Assert.Equal(0u, (uint)process["user"]!["gid"]!);
        Assert.False((bool)process["terminal"]!);
        Assert.Equal("/var/lib/berth/overlay/x/merged", (string?)spec["root"]!["path"]);
        Assert.False((bool)spec["root"]!["readonly"]!);
        Assert.Equal("4f1c2d3e4f5a", (string?)spec["hostname"]);
        Assert.All(spec["mounts"]!.AsArray(), m =>
        {
            Assert.StartsWith("/", (string?)m!["destination"]);
            Assert.NotNull((string?)m["type"]);
            Assert.NotNull((string?)m["source"]);
        });
        Assert.Equal("/berth/" + Id, (string?)spec["linux"]!["cgroupsPath"]);
    }

    [Fact]
    public void The_kernel_filesystems_are_Docker_s_defaults_in_mount_order()
    {
        var mounts = Build(Spec())["mounts"]!.AsArray().ToDictionary(m => (string)m!["destination"]!, m => m!.AsObject());

        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"], mounts.Keys);
        Assert.Equal("proc", (string?)mounts["/proc"]["type"]);
        Assert.Contains("size=65536k", Strings(mounts["/dev"]["options"]));
        Assert.Contains("newinstance", Strings(mounts["/dev/pts"]["options"]));
        Assert.Contains("gid=5", Strings(mounts["/dev/pts"]["options"]));
        Assert.Contains("ro", Strings(mounts["/sys"]["options"]));
        Assert.Equal("cgroup", (string?)mounts["/sys/fs/cgroup"]["type"]);
        Assert.Contains("ro", Strings(mounts["/sys/fs/cgroup"]["options"]));
        Assert.Contains("size=65536k", Strings(mounts["/dev/shm"]["options"]));
    }

    [Fact]
    public void Capabilities_are_Docker_s_default_set_in_bounding_effective_and_permitted_only()
    {
        var caps = Build(Spec())["process"]!["capabilities"]!.AsObject();

        foreach (var set in new[] { "bounding", "effective", "permitted" })
            Assert.Equal(OciDefaults.Capabilities, Strings(caps[set]));
        Assert.False(caps.ContainsKey("inheritable"));
        Assert.False(caps.ContainsKey("ambient"));
        Assert.Equal(14, OciDefaults.Capabilities.Count);
        Assert.DoesNotContain("CAP_SYS_ADMIN", OciDefaults.Capabilities);
    }

    [Fact]
    public void No_rlimits_are_requested_and_privileges_may_be_gained()
    {
        var process = Build(Spec())["process"]!.AsObject();

        Assert.False(process.ContainsKey("rlimits"));
        Assert.False((bool)process["noNewPrivileges"]!);
    }

    [Fact]
    public void A_container_without_a_sandbox_gets_a_fresh_network_namespace()
    {
        var namespaces = Build(Spec())["linux"]!["namespaces"]!.AsArray();

        Assert.Equal(["pid", "ipc", "uts", "mount", "network"], namespaces.Select(n => (string)n!["type"]!));
        Assert.All(namespaces, n => Assert.False(n!.AsObject().ContainsKey("path")));
    }

    [Fact]
    public void A_container_with_a_sandbox_joins_its_network_namespace()
    {
        var namespaces = Build(Spec(netns: "/run/berth/netns/abc"))["linux"]!["namespaces"]!.AsArray();

        var network = namespaces.Single(n => (string?)n!["type"] == "network")!;
        Assert.Equal("/run/berth/netns/abc", (string?)network["path"]);
    }

    [Fact]
    public void Masked_and_readonly_paths_are_Docker_s()
    {
        var linux = Build(Spec())["linux"]!.AsObject();

        var masked = Strings(linux["maskedPaths"]);
        foreach (var path in new[] { "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                     "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap" })
            Assert.Contains(path, masked);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], Strings(linux["readonlyPaths"]));
    }

    [Fact]
    public void The_device_cgroup_denies_everything_then_allows_the_standard_devices()
    {
        var rules = Build(Spec())["linux"]!["resources"]!["devices"]!.AsArray();

        var first = rules[0]!.AsObject();
        Assert.False((bool)first["allow"]!);
        Assert.Equal("rwm", (string?)first["access"]);
        Assert.False(first.ContainsKey("type"));
        var allowed = rules.Where(r => (bool)r!["allow"]!).Select(r => ((long)r!["major"]!, (long?)r["minor"])).ToList();
        foreach (var device in new (long, long?)[] { (1, 3), (1, 5), (1, 7), (1, 8), (1, 9), (5, 0), (5, 1), (5, 2), (136, null) })
            Assert.Contains(device, allowed);
        Assert.Contains(rules, r => !(bool)r!["allow"]! && (long?)r["major"] == 10 && (long?)r["minor"] == 229);
    }

    [Fact]
    public void Tty_readonly_root_and_user_are_carried_over()
    {
        var spec = Build(Spec(tty: true, readOnly: true), new ProcessUser(1000, 1001, [27, 100]));

        Assert.True((bool)spec["process"]!["terminal"]!);
        Assert.True((bool)spec["root"]!["readonly"]!);
        Assert.Equal(1000u, (uint)spec["process"]!["user"]!["uid"]!);
        Assert.Equal(1001u, (uint)spec["process"]!["user"]!["gid"]!);
        Assert.Equal([27u, 100u], spec["process"]!["user"]!["additionalGids"]!.AsArray().Select(g => (uint)g!));
    }

    [Fact]
    public void Seccomp_is_included_only_when_given()
    {
        var filter = new JsonObject { ["defaultAction"] = "SCMP_ACT_ERRNO", ["syscalls"] = new JsonArray() };

        Assert.False(Build(Spec())["linux"]!.AsObject().ContainsKey("seccomp"));
        Assert.Equal("SCMP_ACT_ERRNO", (string?)Build(Spec(), seccomp: filter)["linux"]!["seccomp"]!["defaultAction"]);
    }

    [Fact]
    public void A_spec_without_a_command_is_refused()
    {
        var error = Assert.Throws<RuntimeException>(() => Build(Spec(args: [])));

        Assert.Equal(RuntimeErrorKind.InvalidArgument, error.Kind);
    }

    [Theory]
    [InlineData("/berth", "abc", "/berth/abc")]
    [InlineData("berth/", "abc", "/berth/abc")]
    [InlineData("/a/b", "abc", "/a/b/abc")]
    public void The_cgroups_path_is_the_parent_then_the_id(string parent, string id, string expected)
    {
        Assert.Equal(expected, OciSpecBuilder.CgroupsPath(parent, id));
    }
}
