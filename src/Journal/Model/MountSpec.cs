namespace Berth.Journal.Model;

/// <summary>
/// One entry of Docker's <c>HostConfig.Mounts</c> (<c>--mount</c>), flattened: <c>Type</c> is
/// <c>bind</c>, <c>volume</c> or <c>tmpfs</c>; <c>Source</c> is the host path (bind), the volume name
/// (volume; empty = anonymous) or nothing (tmpfs). Optional fields are null when not given.
/// </summary>
public sealed record MountSpec(string Type, string? Source, string Target)
{
    public bool ReadOnly { get; init; }

    /// <summary>Bind propagation (rprivate, private, rshared, shared, rslave, slave); null = rprivate.</summary>
    public string? Propagation { get; init; }

    /// <summary>Volume: do not copy the image's files at the target into an empty volume.</summary>
    public bool NoCopy { get; init; }

    public long? TmpfsSizeBytes { get; init; }

    /// <summary>Tmpfs: the permission bits of its root (e.g. 1777 octal = 1023).</summary>
    public int? TmpfsMode { get; init; }
}
