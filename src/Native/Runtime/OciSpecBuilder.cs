using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// Turns a <see cref="TaskSpec"/> into an OCI runtime spec (config.json), following Docker's
/// createSpec: DefaultSpec, then the container's process, root, hostname and namespaces. Pure: the
/// user is resolved and the seccomp profile loaded by the caller.
/// </summary>
public static class OciSpecBuilder
{
    public static JsonObject Build(string containerId, TaskSpec spec, ProcessUser user, OciSpecOptions options)
    {
        var linux = new JsonObject
        {
            ["namespaces"] = Namespaces(spec.NetnsPath, spec.HostNetwork),
            ["cgroupsPath"] = CgroupsPath(options.CgroupParent, containerId),
            ["resources"] = new JsonObject { ["devices"] = OciDefaults.DeviceRules() },
            ["maskedPaths"] = Strings(OciDefaults.MaskedPaths),
            ["readonlyPaths"] = Strings(OciDefaults.ReadonlyPaths),
        };
        if (options.Seccomp is { } seccomp) linux["seccomp"] = seccomp.DeepClone();
        return new JsonObject
        {
            ["ociVersion"] = OciDefaults.OciVersion,
            ["process"] = Process(spec, user),
            ["root"] = new JsonObject { ["path"] = spec.RootfsPath, ["readonly"] = spec.ReadonlyRootfs },
            ["hostname"] = spec.Hostname,
            ["mounts"] = Mounts(spec),
            ["linux"] = linux,
        };
    }

    /// <summary>
    /// The cgroupfs-style path "&lt;parent&gt;/&lt;id&gt;", which crun and runc both take as
    /// relative to each hierarchy's root (systemd's "slice:prefix:name" form is not used).
    /// </summary>
    public static string CgroupsPath(string parent, string containerId) => "/" + Path.Combine(parent.Trim('/'), containerId);

    private static JsonObject Process(TaskSpec spec, ProcessUser user)
    {
        if (spec.Args.Count == 0) throw new RuntimeException("build spec", "no command: the image has no Entrypoint or Cmd and none was given", kind: RuntimeErrorKind.InvalidArgument);
        var identity = new JsonObject { ["uid"] = user.Uid, ["gid"] = user.Gid };
        if (user.AdditionalGids.Count > 0) identity["additionalGids"] = new JsonArray([.. user.AdditionalGids.Select(g => (JsonNode)g)]);
        return new JsonObject
        {
            ["terminal"] = spec.Tty,
            ["user"] = identity,
            ["args"] = Strings(spec.Args),
            ["env"] = Strings(spec.Env),
            ["cwd"] = string.IsNullOrEmpty(spec.WorkingDir) ? "/" : spec.WorkingDir,
            // Docker's set in bounding/effective/permitted; inheritable and ambient stay empty
            // (CVE-2022-24769). No rlimits: the process inherits the daemon's, so nothing asks for
            // more than the host allows.
            ["capabilities"] = new JsonObject
            {
                ["bounding"] = Strings(OciDefaults.Capabilities),
                ["effective"] = Strings(OciDefaults.Capabilities),
                ["permitted"] = Strings(OciDefaults.Capabilities),
            },
            ["noNewPrivileges"] = false,
        };
    }

    private static JsonArray Namespaces(string? netnsPath, bool hostNetwork)
    {
        var namespaces = new JsonArray
        {
            new JsonObject { ["type"] = "pid" },
            new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "uts" },
            new JsonObject { ["type"] = "mount" },
        };
        // Host networking leaves the namespace out: the container stays in the host's.
        if (hostNetwork) return namespaces;
        var network = new JsonObject { ["type"] = "network" };
        if (!string.IsNullOrEmpty(netnsPath)) network["path"] = netnsPath; // join the sandbox's; else a fresh, empty one
        namespaces.Add(network);
        return namespaces;
    }

    /// <summary>DefaultSpec's mounts, then the container's own, later ones over earlier ones at the same destination.</summary>
    private static JsonArray Mounts(TaskSpec spec)
    {
        var mounts = OciDefaults.Mounts();
        foreach (var mount in spec.Mounts ?? [])
        {
            var options = mount.Options ?? (mount.Type == "bind" ? ["rbind", "rprivate"] : []);
            mounts.Add(new JsonObject
            {
                ["destination"] = mount.Destination,
                ["type"] = mount.Type,
                ["source"] = mount.Source,
                ["options"] = Strings(options),
            });
        }
        return mounts;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
