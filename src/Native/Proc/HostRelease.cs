namespace Berth.Native.Proc;

/// <summary>What <c>docker info</c> reports about the host's kernel, distribution and cgroup version.</summary>
public sealed record HostRelease(string KernelVersion, string OperatingSystem, string CgroupVersion)
{
    /// <summary>Reads the facts below <paramref name="root"/> (the host's <c>/</c>; a fixture's directory in tests).</summary>
    public static HostRelease Read(string root) => new(
        KernelRelease(Path.Join(root, "proc/sys/kernel/osrelease")),
        PrettyName(Path.Join(root, "etc/os-release")),
        Directory.Exists(Path.Join(root, "sys/fs/cgroup/memory")) ? "1" : "2");

    private static string KernelRelease(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : "";

    private static string PrettyName(string osRelease)
    {
        if (!File.Exists(osRelease)) return "Linux";
        var pretty = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return pretty is null ? "Linux" : pretty["PRETTY_NAME=".Length..].Trim('"');
    }
}
