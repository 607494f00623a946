using System.Text.Json.Nodes;

namespace Berth.Native.Runtime;

/// <summary>
/// What <see cref="OciSpecBuilder"/> needs beside the <see cref="TaskSpec"/>, read from the host by the
/// caller: the cgroup parent; the daemon's default seccomp profile in docker's format (null = none),
/// converted per container for its capability set; the init binary for <c>--init</c>; the
/// capabilities the daemon holds (what "all" means); and the device nodes resolved for this container.
/// </summary>
public sealed record OciSpecOptions(string CgroupParent, JsonObject? Seccomp)
{
    public string? InitPath { get; init; }

    /// <summary>The daemon's capability bounding set; null = every capability the kernel knows.</summary>
    public IReadOnlyList<string>? HostCapabilities { get; init; }

    public IReadOnlyList<LinuxDevice> Devices { get; init; } = [];
}
