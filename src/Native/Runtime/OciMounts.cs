using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// The spec's <c>mounts</c>: DefaultSpec's kernel filesystems (shm sized, sysfs writable when
/// privileged), minus any the container mounts something else over, then the container's own in
/// order, then the init binary.
/// </summary>
internal static class OciMounts
{
    public static JsonArray Build(TaskSpec spec, string? initPath)
    {
        var own = spec.Mounts ?? [];
        var taken = own.Select(m => m.Destination.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var mounts = new JsonArray();
        foreach (var node in OciDefaults.Mounts())
        {
            var mount = node!.AsObject();
            var destination = (string)mount["destination"]!;
            if (taken.Contains(destination)) continue;
            var options = mount["options"]!.AsArray();
            if (destination == "/dev/shm" && spec.ShmSizeBytes is { } shm) Replace(options, "size=", $"size={shm}");
            if (spec.Security.Privileged && destination is "/sys" or "/sys/fs/cgroup") Replace(options, "ro", "rw");
            mounts.Add(mount.DeepClone());
        }
        foreach (var mount in own)
        {
            var options = mount.Options ?? (mount.Type == "bind" ? ["rbind", "rprivate"] : []);
            mounts.Add(Mount(mount.Destination, mount.Type, mount.Source, options));
        }
        if (spec.Init)
        {
            if (initPath is null)
                throw new RuntimeException("build spec", "--init: no init binary found (install Debian's tini: " + string.Join(", ", InitBinary.Candidates) + ")", kind: RuntimeErrorKind.InvalidArgument);
            mounts.Add(Mount(InitBinary.ContainerPath, "bind", initPath, ["bind", "ro", "rprivate"]));
        }
        return mounts;
    }

    private static JsonObject Mount(string destination, string type, string source, IEnumerable<string> options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = OciSpecBuilder.Strings(options),
    };

    private static void Replace(JsonArray options, string prefix, string value)
    {
        for (var i = 0; i < options.Count; i++)
            if (((string?)options[i])?.StartsWith(prefix, StringComparison.Ordinal) == true && (prefix != "ro" || (string?)options[i] == "ro"))
                options[i] = value;
    }
}
