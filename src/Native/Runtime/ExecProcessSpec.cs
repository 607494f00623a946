using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// The OCI process (runtime's <c>exec --process</c> file) of an exec: the container's own process
/// from its bundle, with the exec's command, terminal, env added, and user, cwd and capabilities
/// replaced where the exec sets them — as Docker's exec and Podman's prepareProcessExec do. Pure
/// except for reading the bundle and the image's passwd/group to resolve a user.
/// </summary>
internal static class ExecProcessSpec
{
    /// <summary>Every capability the kernel knows, what <c>--privileged</c> grants.</summary>
    private static readonly string[] AllCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    public static JsonObject Build(string bundleConfigFile, ExecSpec spec)
    {
        if (spec.Args.Count == 0) throw Invalid("no command given");
        JsonObject config;
        try
        {
            config = JsonNode.Parse(File.ReadAllText(bundleConfigFile)) as JsonObject ?? throw Invalid("the container's spec is unreadable");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RuntimeException("exec", "the container has no bundle: it is not running", kind: RuntimeErrorKind.NotRunning);
        }
        var process = config["process"]?.DeepClone() as JsonObject ?? throw Invalid("the container's spec has no process");
        process["terminal"] = spec.Tty;
        process["args"] = new JsonArray([.. spec.Args.Select(a => (JsonNode)a)]);
        process["env"] = new JsonArray([.. MergeEnv(Strings(process["env"]), spec.Env, spec.Tty).Select(e => (JsonNode)e)]);
        if (!string.IsNullOrEmpty(spec.WorkingDir)) process["cwd"] = spec.WorkingDir;
        if (!string.IsNullOrEmpty(spec.User)) process["user"] = UserNode(RootfsOf(config, bundleConfigFile), spec.User);
        if (spec.Privileged)
        {
            var all = new JsonArray([.. AllCapabilities.Select(c => (JsonNode)c)]);
            process["capabilities"] = new JsonObject
            {
                ["bounding"] = all.DeepClone(), ["effective"] = all.DeepClone(), ["permitted"] = all,
            };
        }
        process.Remove("consoleSize");
        if (spec.Tty && spec.ConsoleSize is [> 0 and var height, > 0 and var width])
            process["consoleSize"] = new JsonObject { ["height"] = height, ["width"] = width };
        return process;
    }

    public static void Write(string path, JsonObject process) =>
        File.WriteAllText(path, process.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));

    /// <summary>The container's variables, then the exec's: a later NAME= replaces an earlier one in place.</summary>
    internal static List<string> MergeEnv(IReadOnlyList<string> container, IReadOnlyList<string> exec, bool tty)
    {
        var merged = new List<string>(container);
        var extra = tty && !exec.Any(e => e.StartsWith("TERM=", StringComparison.Ordinal)) && !container.Any(e => e.StartsWith("TERM=", StringComparison.Ordinal))
            ? [.. exec, "TERM=xterm"] : exec;
        foreach (var entry in extra)
        {
            var name = entry.Split('=', 2)[0];
            var at = merged.FindIndex(e => e.Split('=', 2)[0] == name);
            if (at >= 0) merged[at] = entry;
            else merged.Add(entry);
        }
        return merged;
    }

    private static JsonObject UserNode(string rootfs, string user)
    {
        var resolved = ContainerUserResolver.Resolve(rootfs, user);
        var node = new JsonObject { ["uid"] = resolved.Uid, ["gid"] = resolved.Gid };
        if (resolved.AdditionalGids.Count > 0) node["additionalGids"] = new JsonArray([.. resolved.AdditionalGids.Select(g => (JsonNode)g)]);
        return node;
    }

    private static string RootfsOf(JsonObject config, string bundleConfigFile)
    {
        var path = config["root"]?["path"]?.GetValue<string>() ?? throw Invalid("the container's spec has no root");
        return Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(bundleConfigFile)!, path);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? "")] : [];

    private static RuntimeException Invalid(string message) => new("exec", message, kind: RuntimeErrorKind.InvalidArgument);
}
