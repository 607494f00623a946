namespace Berth.Native.Runtime;

/// <summary>
/// The init that <c>--init</c> bind-mounts as /sbin/docker-init: Debian's tini-static first (it runs
/// in any image, even one without a libc), then tini, then catatonit.
/// </summary>
public static class InitBinary
{
    public const string ContainerPath = "/sbin/docker-init";

    public static readonly IReadOnlyList<string> Candidates =
        ["/usr/bin/tini-static", "/usr/bin/docker-init", "/usr/bin/tini", "/usr/bin/catatonit", "/usr/libexec/podman/catatonit"];

    /// <summary>The first candidate that exists; null when none does.</summary>
    public static string? Find(IEnumerable<string>? candidates = null) =>
        (candidates ?? Candidates).FirstOrDefault(File.Exists);
}
