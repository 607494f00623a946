using Berth.Journal.Model;
using Berth.Native.Network;

namespace Berth.Actors.Containers;

/// <summary>
/// Docker's <c>HostConfig.PortBindings</c> ("80/tcp" → [{HostIp, HostPort}]) as the sandbox's port
/// requests; host port 0 = any free one. With <c>PublishAllPorts</c> (<c>-P</c>) every exposed port
/// without a binding is published on a random host port, as Docker does.
/// </summary>
public static class PublishedPorts
{
    public static IReadOnlyList<SandboxPortRequest> From(HostConfig host, ContainerConfig? config = null)
    {
        var requests = new List<SandboxPortRequest>();
        var bindingsByPort = new Dictionary<string, IReadOnlyList<PortBinding>>(host.PortBindings ?? new Dictionary<string, IReadOnlyList<PortBinding>>());
        if (host.PublishAllPorts)
            foreach (var exposed in config?.ExposedPorts ?? [])
                bindingsByPort.TryAdd(exposed.Contains('/') ? exposed : exposed + "/tcp", []);
        foreach (var (key, bindings) in bindingsByPort)
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
