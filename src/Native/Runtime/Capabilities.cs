namespace Berth.Native.Runtime;

/// <summary>
/// Linux capability names and docker's rules for a container's set (TweakCapabilities): start from
/// the default set, drop, then add; <c>ALL</c> in add means every capability, in drop means none
/// to start from; names are case-insensitive with or without <c>CAP_</c>. Pure.
/// </summary>
public static class Capabilities
{
    public const string All = "ALL";

    /// <summary>Every capability the kernel defines, by number (capability.h): index = bit.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>"net_admin" → "CAP_NET_ADMIN", "all" → "ALL"; null when the name is no capability.</summary>
    public static string? Normalize(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (upper == All) return All;
        if (!upper.StartsWith("CAP_", StringComparison.Ordinal)) upper = "CAP_" + upper;
        return Known.Contains(upper) ? upper : null;
    }

    /// <summary>The first name in <paramref name="names"/> that is no capability, as docker words it; null when all are.</summary>
    public static string? FirstUnknown(IEnumerable<string>? names) =>
        names?.FirstOrDefault(n => Normalize(n) is null) is { } bad ? $"unknown capability: \"{bad}\"" : null;

    /// <summary>
    /// The container's capability set. <paramref name="available"/> is what "every capability" means
    /// on this host: the daemon's bounding set (a privileged container cannot get more than the daemon has).
    /// </summary>
    public static IReadOnlyList<string> Compute(TaskSecurity security, IReadOnlyList<string> available)
    {
        if (security.Privileged) return available;
        var add = (security.CapAdd ?? []).Select(Normalize).OfType<string>().ToList();
        var drop = (security.CapDrop ?? []).Select(Normalize).OfType<string>().ToList();
        IEnumerable<string> caps;
        if (add.Contains(All)) caps = available.Where(c => !drop.Contains(c));
        else if (drop.Contains(All)) caps = add;
        else caps = OciDefaults.Capabilities.Where(c => !drop.Contains(c)).Concat(add.Where(c => c != All));
        return [.. caps.Distinct()];
    }
}
