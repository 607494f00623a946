using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// Converts a containers/common (Docker-format) seccomp profile into the OCI <c>linux.seccomp</c>
/// object. The file is close to OCI but not the same: it maps architectures to their
/// sub-architectures (archMap), and each rule may apply only for some architectures, capabilities
/// or kernels (includes/excludes). Those are decided here, for this host and this capability set,
/// as containers/common's setupSeccomp does; what remains is plain OCI.
/// </summary>
public static class SeccompProfile
{
    /// <summary>Loads and converts <paramref name="path"/>; null when the file does not exist.</summary>
    public static JsonObject? Load(string path, IReadOnlyCollection<string> capabilities)
    {
        if (!File.Exists(path)) return null;
        var profile = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new RuntimeException("load seccomp profile", $"{path} is empty");
        return ToOci(profile, capabilities, GoArch(RuntimeInformation.OSArchitecture), Environment.OSVersion.Version);
    }

    /// <summary>Reads a profile file as it is (docker's format); null when the file does not exist.</summary>
    public static JsonObject? LoadRaw(string path) =>
        File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new RuntimeException("load seccomp profile", $"{path} is empty")
            : null;

    /// <summary>Converts a docker-format profile for this host's architecture and kernel and the container's capabilities.</summary>
    public static JsonObject ToOciForHost(JsonObject profile, IReadOnlyCollection<string> capabilities) =>
        ToOci(profile, capabilities, GoArch(RuntimeInformation.OSArchitecture), Environment.OSVersion.Version);

    public static JsonObject ToOci(JsonObject profile, IReadOnlyCollection<string> capabilities, string goArch, Version kernel)
    {
        var oci = new JsonObject { ["defaultAction"] = profile["defaultAction"]?.DeepClone() ?? "SCMP_ACT_ERRNO" };
        if (profile["defaultErrnoRet"] is { } errno) oci["defaultErrnoRet"] = errno.DeepClone();
        oci["architectures"] = Architectures(profile, goArch);
        var syscalls = new JsonArray();
        foreach (var rule in profile["syscalls"]?.AsArray() ?? [])
        {
            if (rule is not JsonObject r || !Applies(r, capabilities, goArch, kernel)) continue;
            var converted = new JsonObject { ["names"] = r["names"]?.DeepClone(), ["action"] = r["action"]?.DeepClone() };
            if (r["errnoRet"] is { } ret) converted["errnoRet"] = ret.DeepClone();
            if (r["args"] is JsonArray { Count: > 0 } args) converted["args"] = args.DeepClone();
            syscalls.Add(converted);
        }
        oci["syscalls"] = syscalls;
        return oci;
    }

    /// <summary>The host's own SCMP architecture and its sub-architectures (x86_64 → x86, x32), from archMap.</summary>
    private static JsonArray Architectures(JsonObject profile, string goArch)
    {
        var native = ScmpArch(goArch);
        var result = new JsonArray();
        foreach (var entry in profile["archMap"]?.AsArray() ?? [])
        {
            if ((string?)entry?["architecture"] != native) continue;
            result.Add(native);
            foreach (var sub in entry?["subArchitectures"]?.AsArray() ?? []) result.Add(sub?.DeepClone());
        }
        if (result.Count == 0 && native is not null) result.Add(native);
        return result;
    }

    private static bool Applies(JsonObject rule, IReadOnlyCollection<string> capabilities, string goArch, Version kernel)
    {
        var includes = rule["includes"] as JsonObject;
        var excludes = rule["excludes"] as JsonObject;
        if (includes is not null)
        {
            if (Strings(includes["arches"]) is { Count: > 0 } arches && !arches.Contains(goArch)) return false;
            if (Strings(includes["caps"]).Any(c => !capabilities.Contains(c))) return false;
            if ((string?)includes["minKernel"] is { Length: > 0 } min && Version.TryParse(min, out var v) && kernel < v) return false;
        }
        if (excludes is not null)
        {
            if (Strings(excludes["arches"]).Contains(goArch)) return false;
            if (Strings(excludes["caps"]).Any(capabilities.Contains)) return false;
        }
        return true;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => (string?)n).OfType<string>()] : [];

    /// <summary>Go's GOARCH names, which the profile's includes/excludes use.</summary>
    public static string GoArch(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string? ScmpArch(string goArch) => goArch switch
    {
        "amd64" => "SCMP_ARCH_X86_64",
        "arm64" => "SCMP_ARCH_AARCH64",
        "arm" => "SCMP_ARCH_ARM",
        "386" => "SCMP_ARCH_X86",
        "s390x" => "SCMP_ARCH_S390X",
        "ppc64le" => "SCMP_ARCH_PPC64LE",
        _ => null,
    };
}
