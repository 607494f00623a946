using System.Security.Cryptography;
using System.Text;
using Berth.Journal.Model;
using Berth.Native.Storage;

namespace Berth.Actors.Containers;

/// <summary>
/// One mount a container asked for (<c>-v</c>, <c>--mount</c>, <c>--tmpfs</c>), parsed and checked
/// with docker's rules. <c>Source</c> is a host path (bind), a volume name (volume) or "tmpfs".
/// </summary>
public sealed record PlannedMount(string Type, string Source, string Destination, bool ReadWrite, string Mode = "", string Propagation = "rprivate")
{
    /// <summary>A <c>-v</c> bind: a missing host directory is created, as docker does.</summary>
    public bool CreateSource { get; init; }

    public bool NoCopy { get; init; }

    public bool Anonymous { get; init; }

    /// <summary>The tmpfs options after docker's defaults (noexec, nosuid, nodev).</summary>
    public IReadOnlyList<string> TmpfsOptions { get; init; } = [];
}

/// <summary>Parses a host config's Binds, Mounts and Tmpfs into <see cref="PlannedMount"/>s, refusing what docker refuses (HTTP 400). Pure.</summary>
public static class MountPlan
{
    private static readonly string[] Propagations = ["private", "rprivate", "shared", "rshared", "slave", "rslave"];

    /// <summary>A container's mounts, from its journaled configuration (the image's VOLUMEs merged in).</summary>
    public static IReadOnlyList<PlannedMount> Of(ContainerState state) => Parse(state.HostConfig, state.Config.Volumes, state.Id, out _);

    /// <summary>
    /// The container's mounts, anonymous volumes named from the container id and destination (stable
    /// across starts). <paramref name="configVolumes"/> (Config.Volumes: the image's VOLUMEs and what
    /// the docker CLI sends for <c>-v /path</c>) become anonymous volumes unless a bind, volume or tmpfs
    /// already covers the path, as docker does.
    /// </summary>
    public static IReadOnlyList<PlannedMount> Parse(HostConfig host, IReadOnlyList<string>? configVolumes, string containerId, out string? error)
    {
        var mounts = new List<PlannedMount>();
        error = null;
        foreach (var bind in host.Binds ?? [])
            if (!Add(mounts, ParseBind(bind, containerId, out error), ref error)) return [];
        foreach (var mount in host.Mounts ?? [])
            if (!Add(mounts, ParseMount(mount, containerId, out error), ref error)) return [];
        foreach (var (destination, options) in host.Tmpfs ?? new Dictionary<string, string>())
        {
            PlannedMount? tmpfs = null;
            if (!destination.StartsWith('/')) error = $"invalid mount config for type \"tmpfs\": invalid mount path: '{destination}' mount path must be absolute";
            else tmpfs = Tmpfs(destination, options.Split(',', StringSplitOptions.RemoveEmptyEntries));
            if (!Add(mounts, tmpfs, ref error)) return [];
        }
        foreach (var path in configVolumes ?? [])
        {
            var destination = path.Length > 1 ? path.TrimEnd('/') : path;
            if (!destination.StartsWith('/'))
            {
                error = $"invalid mount config for type \"volume\": invalid mount path: '{path}' mount path must be absolute";
                return [];
            }
            if (mounts.Any(m => m.Destination == destination)) continue;
            if (!Add(mounts, Volume("", destination, readWrite: true, "", noCopy: false, containerId), ref error)) return [];
        }
        return mounts;
    }

    /// <summary>The volumes the container uses (named and anonymous).</summary>
    public static IEnumerable<PlannedMount> Volumes(ContainerState state) => Of(state).Where(m => m.Type == "volume");

    private static bool Add(List<PlannedMount> mounts, PlannedMount? mount, ref string? error)
    {
        if (mount is null) return false;
        if (mount.Destination == "/") { error = "invalid specification: destination can't be '/'"; return false; }
        if (mounts.Any(m => m.Destination == mount.Destination)) { error = $"Duplicate mount point: {mount.Destination}"; return false; }
        mounts.Add(mount);
        return true;
    }

    private static PlannedMount? ParseBind(string spec, string containerId, out string? error)
    {
        error = null;
        var parts = spec.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0)) { error = $"invalid volume specification: '{spec}'"; return null; }
        var (source, destination, mode) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => (parts[0], parts[1], ""),
            _ => (parts[0], parts[1], parts[2]),
        };
        if (!destination.StartsWith('/'))
        {
            error = $"invalid volume specification: '{spec}': invalid mount config for type \"{(source.StartsWith('/') ? "bind" : "volume")}\": invalid mount path: '{destination}' mount path must be absolute";
            return null;
        }
        var modes = mode.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var unknown = modes.FirstOrDefault(m => m is not ("ro" or "rw" or "z" or "Z" or "nocopy") && !Propagations.Contains(m));
        if (unknown is not null || modes.Count(m => m is "ro" or "rw") > 1) { error = $"invalid mode: {mode}"; return null; }
        var readWrite = !modes.Contains("ro");
        var propagation = modes.FirstOrDefault(Propagations.Contains) ?? "rprivate";
        if (source.StartsWith('/'))
            return new PlannedMount("bind", source, destination, readWrite, mode, propagation) { CreateSource = true };
        if (source.Length > 0 && !LocalVolumeStore.IsValidName(source))
        {
            error = $"create {source}: \"{source}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path";
            return null;
        }
        return Volume(source, destination, readWrite, mode, modes.Contains("nocopy"), containerId);
    }

    private static PlannedMount? ParseMount(MountSpec spec, string containerId, out string? error)
    {
        error = null;
        var type = spec.Type;
        if (string.IsNullOrEmpty(spec.Target)) { error = $"invalid mount config for type \"{type}\": field Target must not be empty"; return null; }
        if (!spec.Target.StartsWith('/')) { error = $"invalid mount config for type \"{type}\": invalid mount path: '{spec.Target}' mount path must be absolute"; return null; }
        var mode = spec.ReadOnly ? "ro" : "";
        switch (type)
        {
            case "bind":
                if (string.IsNullOrEmpty(spec.Source)) { error = "invalid mount config for type \"bind\": field Source must not be empty"; return null; }
                if (!spec.Source.StartsWith('/')) { error = $"invalid mount config for type \"bind\": invalid mount path: '{spec.Source}' mount path must be absolute"; return null; }
                if (spec.Propagation is { Length: > 0 } p && !Propagations.Contains(p)) { error = $"invalid propagation mode: {p}"; return null; }
                return new PlannedMount("bind", spec.Source, spec.Target, !spec.ReadOnly, mode, spec.Propagation is { Length: > 0 } prop ? prop : "rprivate");
            case "volume":
                if (!string.IsNullOrEmpty(spec.Source) && !LocalVolumeStore.IsValidName(spec.Source))
                {
                    error = $"create {spec.Source}: \"{spec.Source}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed";
                    return null;
                }
                return Volume(spec.Source ?? "", spec.Target, !spec.ReadOnly, mode, spec.NoCopy, containerId);
            case "tmpfs":
                if (!string.IsNullOrEmpty(spec.Source)) { error = "invalid mount config for type \"tmpfs\": field Source must not be specified"; return null; }
                var options = new List<string>();
                if (spec.TmpfsSizeBytes is > 0 and var size) options.Add($"size={size}");
                if (spec.TmpfsMode is { } m) options.Add("mode=" + Convert.ToString(m, 8));
                if (spec.ReadOnly) options.Add("ro");
                return Tmpfs(spec.Target, options);
            default:
                error = $"mount type unknown: \"{type}\"";
                return null;
        }
    }

    private static PlannedMount Volume(string name, string destination, bool readWrite, string mode, bool noCopy, string containerId) =>
        new("volume", name.Length > 0 ? name : AnonymousName(containerId, destination), destination, readWrite, mode)
        {
            NoCopy = noCopy,
            Anonymous = name.Length == 0,
        };

    private static PlannedMount Tmpfs(string destination, IEnumerable<string> options) =>
        new("tmpfs", "tmpfs", destination, !options.Contains("ro")) { TmpfsOptions = ["noexec", "nosuid", "nodev", .. options] };

    /// <summary>docker names an anonymous volume with 64 random hex digits; berth derives them from the container and path, so every start finds the same one.</summary>
    public static string AnonymousName(string containerId, string destination) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(containerId + "\n" + destination)));
}
