using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// Turns a <see cref="TaskSpec"/> into an OCI runtime spec (config.json), following Docker's
/// createSpec: DefaultSpec, then the container's process, root, hostname, namespaces, mounts,
/// resources and security. Pure: the user, devices and init binary are resolved and the seccomp
/// profile loaded by the caller.
/// </summary>
public static class OciSpecBuilder
{
    public static JsonObject Build(string containerId, TaskSpec spec, ProcessUser user, OciSpecOptions options)
    {
        var caps = Capabilities.Compute(spec.Security, options.HostCapabilities ?? Capabilities.Known);
        var privileged = spec.Security.Privileged;
        var linux = new JsonObject
        {
            ["namespaces"] = Namespaces(spec),
            ["cgroupsPath"] = CgroupsPath(options.CgroupParent, containerId),
            ["resources"] = OciResources.Build(spec.Resources, privileged, options.Devices),
        };
        if (options.Devices.Count > 0) linux["devices"] = OciResources.DeviceNodes(options.Devices);
        if (!privileged)
        {
            linux["maskedPaths"] = Strings(OciDefaults.MaskedPaths);
            linux["readonlyPaths"] = Strings(OciDefaults.ReadonlyPaths);
        }
        if (spec.Sysctls.Count > 0) linux["sysctl"] = new JsonObject(spec.Sysctls.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        if (Seccomp(spec.Security, caps, options.Seccomp) is { } seccomp) linux["seccomp"] = seccomp;
        var config = new JsonObject
        {
            ["ociVersion"] = OciDefaults.OciVersion,
            ["process"] = OciProcess.Build(spec, user, caps),
            ["root"] = new JsonObject { ["path"] = spec.RootfsPath, ["readonly"] = spec.ReadonlyRootfs },
            ["mounts"] = OciMounts.Build(spec, options.InitPath),
            ["linux"] = linux,
        };
        // A host UTS namespace keeps the host's name: the runtime refuses to set one there.
        if (spec.Namespaces.Uts != TaskNamespaces.Host) config["hostname"] = spec.Hostname;
        return config;
    }

    /// <summary>
    /// The cgroupfs-style path "&lt;parent&gt;/&lt;id&gt;", which crun and runc both take as
    /// relative to each hierarchy's root (systemd's "slice:prefix:name" form is not used).
    /// </summary>
    public static string CgroupsPath(string parent, string containerId) => "/" + Path.Combine(parent.Trim('/'), containerId);

    /// <summary>The seccomp filter: none when privileged or unconfined; else the container's own profile or the daemon's, for its capabilities.</summary>
    private static JsonObject? Seccomp(TaskSecurity security, IReadOnlyList<string> caps, JsonObject? daemonProfile)
    {
        if (security.Privileged || security.Seccomp == TaskSecurity.Unconfined) return null;
        var profile = daemonProfile;
        if (security.Seccomp is { } custom)
        {
            try
            {
                profile = JsonNode.Parse(custom) as JsonObject ?? throw new JsonException("the profile is not a JSON object");
            }
            catch (JsonException e)
            {
                throw new RuntimeException("build spec", "Decoding seccomp profile failed: " + e.Message, kind: RuntimeErrorKind.InvalidArgument);
            }
        }
        return profile is null ? null : SeccompProfile.ToOciForHost(profile, caps);
    }

    private static JsonArray Namespaces(TaskSpec spec)
    {
        var namespaces = new JsonArray();
        void Add(string type, string? mode)
        {
            if (mode == TaskNamespaces.Host) return; // left out: the container stays in the host's
            var ns = new JsonObject { ["type"] = type };
            if (!string.IsNullOrEmpty(mode)) ns["path"] = mode;
            namespaces.Add(ns);
        }
        Add("pid", spec.Namespaces.Pid);
        Add("ipc", spec.Namespaces.Ipc);
        Add("uts", spec.Namespaces.Uts);
        namespaces.Add(new JsonObject { ["type"] = "mount" });
        // Host networking leaves the namespace out; a sandbox is joined; else a fresh, empty one.
        if (!spec.HostNetwork) Add("network", spec.NetnsPath);
        return namespaces;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
