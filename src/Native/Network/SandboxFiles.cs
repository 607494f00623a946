using System.Text;

namespace Berth.Native.Network;

/// <summary>
/// Writes a container's name-resolution files under <c>&lt;dataRoot&gt;/containers/&lt;id&gt;/</c>
/// (Docker's setupResolutionFiles + BuildHostnameFile): <c>hostname</c>, <c>hosts</c>,
/// <c>resolv.conf</c>, <c>resolv.conf.hash</c>. Each is replaced atomically; the runtime later
/// bind-mounts them onto /etc/hostname, /etc/hosts and /etc/resolv.conf.
/// </summary>
public sealed class SandboxFiles(NetworkSettings settings)
{
    /// <summary>The paths written; the hash file is <c>ResolvConf + ".hash"</c>.</summary>
    public sealed record Paths(string Hostname, string Hosts, string ResolvConf);

    /// <summary>Files for a container with its own namespace; <paramref name="ipAddress"/> null for "none".</summary>
    public Paths WriteIsolated(
        string containerId, string hostname, string? domainname, string? ipAddress,
        ResolvConfRequest? resolv = null, IReadOnlyList<(string Ip, string Name)>? extraHosts = null)
    {
        var source = Network.ResolvConf.SourcePath(settings.HostResolvConf);
        var host = File.Exists(source) ? File.ReadAllText(source) : "";
        var resolvConf = Network.ResolvConf.Build(host, resolv ?? new ResolvConfRequest(null, []));
        return Write(containerId, hostname, HostsFile.Build(ipAddress, hostname, domainname, extraHosts), resolvConf);
    }

    /// <summary>Files for a container in the host's namespace: the host's own hosts and resolv.conf, unfiltered.</summary>
    public Paths WriteHostMode(string containerId, string hostname, IReadOnlyList<string>? extraHosts = null)
    {
        var hosts = File.Exists(settings.HostHostsFile) ? File.ReadAllText(settings.HostHostsFile) : HostsFile.Build(null, hostname, null);
        foreach (var (ip, name) in ExtraHosts.Resolve(extraHosts, null)) hosts += $"{ip}\t{name}\n";
        var resolv = File.Exists(settings.HostResolvConf) ? File.ReadAllText(settings.HostResolvConf) : "";
        return Write(containerId, hostname, hosts, resolv);
    }

    private Paths Write(string containerId, string hostname, string hosts, string resolvConf)
    {
        var dir = settings.ContainerDir(containerId);
        Directory.CreateDirectory(dir);
        var paths = new Paths(Path.Combine(dir, "hostname"), Path.Combine(dir, "hosts"), Path.Combine(dir, "resolv.conf"));
        WriteAtomically(paths.Hostname, hostname + "\n");
        WriteAtomically(paths.Hosts, hosts);
        WriteAtomically(paths.ResolvConf, resolvConf);
        WriteAtomically(paths.ResolvConf + ".hash", Network.ResolvConf.Hash(resolvConf));
        return paths;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temp, path, overwrite: true);
    }
}
