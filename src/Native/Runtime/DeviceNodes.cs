using Berth.Native.Storage;

namespace Berth.Native.Runtime;

/// <summary>A device node as the OCI spec lists it (linux.devices) with the cgroup access granted to it.</summary>
public sealed record LinuxDevice(string Path, string Type, uint Major, uint Minor, uint FileMode, uint Uid, uint Gid, string Access);

/// <summary>
/// Reads host device nodes: the one a <c>--device</c> names, or every node under /dev for a
/// privileged container (as docker's HostDevices, skipping the per-container pseudo-filesystems).
/// </summary>
public static class DeviceNodes
{
    private static readonly string[] SkippedDirs = ["pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"];

    /// <summary>The node at <c>PathOnHost</c>; a directory gives every node under it. Not a device → InvalidArgument.</summary>
    public static IReadOnlyList<LinuxDevice> Resolve(TaskDevice device)
    {
        var status = Posix.Lstat(device.PathOnHost)
            ?? throw Invalid($"error gathering device information while adding custom device \"{device.PathOnHost}\": no such file or directory");
        if (status.Type == Posix.Directory)
            return [.. Walk(device.PathOnHost).Select(d => d with
            {
                Path = device.PathInContainer.TrimEnd('/') + d.Path[device.PathOnHost.TrimEnd('/').Length..],
                Access = device.Permissions,
            })];
        return FromStatus(device.PathInContainer, status, device.Permissions)
            is { } node ? [node] : throw Invalid($"error gathering device information while adding custom device \"{device.PathOnHost}\": not a device node");
    }

    /// <summary>Every character and block device under /dev (privileged containers get them all).</summary>
    public static IReadOnlyList<LinuxDevice> Host(string root = "/dev") => [.. Walk(root)];

    private static IEnumerable<LinuxDevice> Walk(string dir)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(dir).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var entry in entries)
        {
            var status = Posix.Lstat(entry);
            if (status is null) continue;
            if (status.Type == Posix.Directory)
            {
                if (SkippedDirs.Contains(System.IO.Path.GetFileName(entry))) continue;
                foreach (var nested in Walk(entry)) yield return nested;
            }
            // /dev/console is the container's own pty, set up by the runtime.
            else if (entry != "/dev/console" && FromStatus(entry, status, "rwm") is { } node) yield return node;
        }
    }

    private static LinuxDevice? FromStatus(string path, FileStatus status, string access) => status.Type switch
    {
        Posix.CharDevice => new LinuxDevice(path, "c", status.Major, status.Minor, status.Permissions, status.Uid, status.Gid, access),
        Posix.BlockDevice => new LinuxDevice(path, "b", status.Major, status.Minor, status.Permissions, status.Uid, status.Gid, access),
        _ => null,
    };

    private static RuntimeException Invalid(string message) => new("add device", message, kind: RuntimeErrorKind.InvalidArgument);
}
