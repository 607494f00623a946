using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// Docker's DefaultSpec (oci/defaults.go) as data: the capabilities, kernel filesystems, masked and
/// read-only paths and device rules every container gets unless configured otherwise.
/// </summary>
public static class OciDefaults
{
    public const string OciVersion = "1.0.2";

    /// <summary>Docker's default capability set; everything else (SYS_ADMIN, NET_ADMIN, …) is dropped.</summary>
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Hidden from the container: kernel interfaces that leak host details or allow attacks.</summary>
    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
        "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    /// <summary>Visible but read-only: writing them would change the host's kernel.</summary>
    public static readonly IReadOnlyList<string> ReadonlyPaths =
    [
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    ];

    /// <summary>The filesystems every container sees, in mount order (a parent before its children).</summary>
    public static JsonArray Mounts() =>
    [
        Mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
        Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
        Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
        Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
        Mount("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"),
        Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
        Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
    ];

    /// <summary>
    /// The device cgroup: deny everything, then allow the standard character devices (null, zero,
    /// full, random, urandom, tty, console, ptmx, the container's ptys) and keep fuse denied.
    /// crun and runc add the same allowances themselves; listing them keeps the spec honest.
    /// </summary>
    public static JsonArray DeviceRules() =>
    [
        new JsonObject { ["allow"] = false, ["access"] = "rwm" },
        Device(1, 5), Device(1, 3), Device(1, 7), Device(1, 9), Device(1, 8),
        Device(5, 0), Device(5, 1), Device(5, 2), Device(136, null),
        new JsonObject { ["allow"] = false, ["type"] = "c", ["major"] = 10, ["minor"] = 229, ["access"] = "rwm" },
    ];

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = new JsonArray([.. options.Select(o => (JsonNode)o)]),
    };

    private static JsonObject Device(long major, long? minor)
    {
        var rule = new JsonObject { ["allow"] = true, ["type"] = "c", ["major"] = major };
        if (minor is { } m) rule["minor"] = m; // absent minor = every minor (the OCI wildcard)
        rule["access"] = "rwm";
        return rule;
    }
}
