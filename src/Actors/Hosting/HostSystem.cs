using Berth.Native.Proc;

namespace Berth.Actors.Hosting;

/// <summary>The host's kernel, distribution and cgroup version, as <c>docker info</c> reports them; read once per process.</summary>
public sealed record HostSystem(string KernelVersion, string OperatingSystem, string CgroupVersion)
{
    private static readonly Lazy<HostSystem> Host = new(() =>
    {
        var release = HostRelease.Read("/");
        return new HostSystem(release.KernelVersion, release.OperatingSystem, release.CgroupVersion);
    });

    public static HostSystem Current => Host.Value;
}
