using System.Text.Json.Nodes;
using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class SeccompProfileTests
{
    private static readonly Version Kernel = new(6, 1);

    private static JsonObject Profile() => JsonNode.Parse("""
        {
          "defaultAction": "SCMP_ACT_ERRNO",
          "defaultErrnoRet": 38,
          "defaultErrno": "ENOSYS",
          "archMap": [
            { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] },
            { "architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"] }
          ],
          "syscalls": [
            { "names": ["read", "write"], "action": "SCMP_ACT_ALLOW", "args": [], "comment": "", "includes": {}, "excludes": {} },
            { "names": ["kexec_load"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "errno": "EPERM", "args": [] },
            { "names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{ "index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ" }] },
            { "names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": { "arches": ["amd64", "x32"] } },
            { "names": ["arm_fadvise64_64"], "action": "SCMP_ACT_ALLOW", "includes": { "arches": ["arm", "arm64"] } },
            { "names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_CHROOT"] } },
            { "names": ["bpf"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } },
            { "names": ["bpf"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": { "caps": ["CAP_SYS_ADMIN"] } },
            { "names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": { "caps": ["CAP_SYS_CHROOT"] } },
            { "names": ["future_call"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "7.0" } },
            { "names": ["old_call"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "4.8" } },
            { "names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": null, "includes": { "caps": ["CAP_AUDIT_WRITE"] } }
          ]
        }
        """)!.AsObject();

    private static JsonObject Convert(string arch = "amd64") =>
        SeccompProfile.ToOci(Profile(), OciDefaults.Capabilities, arch, Kernel);

    private static List<string> Names(JsonObject oci) =>
        [.. oci["syscalls"]!.AsArray().SelectMany(r => r!["names"]!.AsArray().Select(n => (string)n! + ":" + (string)r["action"]!))];

    [Fact]
    public void The_default_action_and_errno_are_kept()
    {
        var oci = Convert();

        Assert.Equal("SCMP_ACT_ERRNO", (string?)oci["defaultAction"]);
        Assert.Equal(38, (int)oci["defaultErrnoRet"]!);
        Assert.False(oci.ContainsKey("defaultErrno"));
        Assert.False(oci.ContainsKey("archMap"));
    }

    [Fact]
    public void Architectures_are_the_host_s_and_its_sub_architectures()
    {
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], Convert("amd64")["architectures"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"], Convert("arm64")["architectures"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void Rules_for_other_architectures_are_dropped()
    {
        var names = Names(Convert("amd64"));

        Assert.Contains("arch_prctl:SCMP_ACT_ALLOW", names);
        Assert.DoesNotContain("arm_fadvise64_64:SCMP_ACT_ALLOW", names);
    }

    [Fact]
    public void Capability_rules_follow_the_container_s_capabilities()
    {
        var names = Names(Convert());

        // CAP_SYS_CHROOT is a default capability, CAP_SYS_ADMIN is not.
        Assert.Contains("chroot:SCMP_ACT_ALLOW", names);
        Assert.DoesNotContain("chroot:SCMP_ACT_ERRNO", names);
        Assert.Contains("bpf:SCMP_ACT_ERRNO", names);
        Assert.DoesNotContain("bpf:SCMP_ACT_ALLOW", names);
        Assert.Contains("socket:SCMP_ACT_ALLOW", names);
    }

    [Fact]
    public void Rules_needing_a_newer_kernel_are_dropped()
    {
        var names = Names(Convert());

        Assert.DoesNotContain("future_call:SCMP_ACT_ALLOW", names);
        Assert.Contains("old_call:SCMP_ACT_ALLOW", names);
    }

    [Fact]
    public void Rules_keep_only_OCI_fields()
    {
        var rules = Convert()["syscalls"]!.AsArray().Select(r => r!.AsObject()).ToList();

        Assert.All(rules, r => Assert.All(r.Select(p => p.Key), key => Assert.Contains(key, new[] { "names", "action", "errnoRet", "args" })));
        Assert.Equal(1, (int)rules.Single(r => (string?)r["names"]![0] == "kexec_load")["errnoRet"]!);
        Assert.Equal("SCMP_CMP_EQ", (string?)rules.Single(r => (string?)r["names"]![0] == "personality")["args"]![0]!["op"]);
        Assert.False(rules.Single(r => (string?)r["names"]![0] == "read").ContainsKey("args"));
    }

    [Fact]
    public void The_host_profile_converts_when_present()
    {
        var oci = SeccompProfile.Load(RuntimeSettings.DefaultSeccompProfile, OciDefaults.Capabilities);
        if (oci is null) return; // containers-common not installed here: nothing to check

        Assert.NotEmpty(oci["architectures"]!.AsArray());
        Assert.NotEmpty(oci["syscalls"]!.AsArray());
        Assert.DoesNotContain(oci["syscalls"]!.AsArray(), r => r!.AsObject().ContainsKey("includes") || r.AsObject().ContainsKey("excludes"));
    }

    [Fact]
    public void A_missing_profile_means_no_seccomp()
    {
        Assert.Null(SeccompProfile.Load("/nonexistent/seccomp.json", OciDefaults.Capabilities));
    }
}
