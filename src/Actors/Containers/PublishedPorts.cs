using Berth.Journal.Model;
using Berth.Native.Network;

namespace Berth.Actors.Containers;

/// <summary>Docker's <c>HostConfig.PortBindings</c> ("80/tcp" → [{HostIp, HostPort}]) as the sandbox's port requests; host port 0 = any free one.</summary>
public static class PublishedPorts
{
    public static IReadOnlyList<SandboxPortRequest> From(HostConfig host)
    {
        var requests = new List<SandboxPortRequest>();
        foreach (var (key, bindings) in host.PortBindings ?? new Dictionary<string, IReadOnlyList<PortBinding>>())
        {
            var parts = key.Split('/', 2);
            if (!int.TryParse(parts[0], out var containerPort)) continue;
            var protocol = parts.Length > 1 ? parts[1] : "tcp";
            foreach (var binding in bindings.Count == 0 ? [new PortBinding(null, null)] : bindings)
            {
                var hostPort = int.TryParse(binding.HostPort, out var port) ? port : 0;
                requests.Add(new SandboxPortRequest(containerPort, protocol, string.IsNullOrEmpty(binding.HostIp) ? null : binding.HostIp, hostPort));
            }
        }
        return requests;
    }
}
