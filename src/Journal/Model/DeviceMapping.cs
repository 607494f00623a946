namespace Berth.Journal.Model;

/// <summary>One <c>--device</c> (Docker's <c>HostConfig.Devices</c> item): a host device node, its path inside, and the cgroup access (r, w, m).</summary>
public sealed record DeviceMapping(string PathOnHost, string PathInContainer, string CgroupPermissions);
