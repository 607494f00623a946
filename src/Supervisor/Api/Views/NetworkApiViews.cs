using Berth.Actors.Networks;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Api.Views;

/// <summary>A network in Docker's wire shape.</summary>
internal static class NetworkApiViews
{
    public static ApiNetwork ToApi(NetworkView n) => new()
    {
        Name = n.Name,
        Id = n.Id,
        Created = ContainerViews.Time(n.Created),
        Driver = n.Driver,
        IPAM = new ApiIpam("default", null,
            n.Subnet is null ? [] : [new ApiIpamConfig { Subnet = n.Subnet, Gateway = n.Gateway }]),
        Internal = n.Internal,
        Containers = n.Containers.ToDictionary(c => c.ContainerId, c => new ApiNetworkContainer(
            c.Name, EndpointId(c.ContainerId, n.Id), c.MacAddress ?? "", c.IPv4Address is null ? "" : $"{c.IPv4Address}/{c.PrefixLen}", "")),
        Options = n.Options.ToDictionary(),
        Labels = n.Labels.ToDictionary(),
    };

    /// <summary>A stable endpoint id (Docker mints a random one; berth derives it from container and network).</summary>
    public static string EndpointId(string containerId, string networkId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(containerId + "/" + networkId)));
}
