using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Journal.Model;

namespace Berth.Actors.Tests.Lifecycle;

/// <summary>Docker's network connect/disconnect refusals that depend on the container's network configuration.</summary>
public sealed class NetworkCommandRulesTests
{
    private static ContainerState State(string? mode, IReadOnlyList<EndpointSettings>? endpoints = null) =>
        ContainerState.Empty with { Id = "c1", Name = "web", Status = ContainerStatus.Running, Exists = true, HostConfig = new HostConfig { NetworkMode = mode, EndpointsConfig = endpoints } };

    [Fact]
    public void Connecting_twice_to_one_network_is_forbidden()
    {
        var answer = NetworkCommandRules.Check(new ConnectContainer("bridge", new EndpointSettings("bridge")), State(null));

        Assert.Equal(new Rejected(ErrorKind.Forbidden, "endpoint with name web already exists in network bridge"), answer);
    }

    [Fact]
    public void Disconnecting_from_a_network_not_joined_is_forbidden()
    {
        var answer = NetworkCommandRules.Check(new DisconnectContainer("backend"), State("front", [new EndpointSettings("front")]));

        Assert.Equal(new Rejected(ErrorKind.Forbidden, "container c1 is not connected to network backend"), answer);
    }

    [Theory]
    [InlineData("host", "container cannot be disconnected from host network or connected to host network")]
    [InlineData("none", "container cannot be connected to multiple networks with one of the networks in private (none) mode")]
    [InlineData("container:abc", "conflicting options: container type network can't be used with other networks")]
    public void Host_none_and_container_modes_take_no_other_network(string mode, string message)
    {
        var answer = NetworkCommandRules.Check(new ConnectContainer("backend", new EndpointSettings("backend")), State(mode));

        Assert.Equal(new Rejected(ErrorKind.Forbidden, message), answer);
    }

    [Fact]
    public void Connect_and_disconnect_facts_rewrite_the_configured_networks()
    {
        var state = State("front", [new EndpointSettings("front")])
            .Apply(new Berth.Journal.Events.NetworkConnected(new EndpointSettings("back", "10.9.0.5", ["db"]), null, DateTimeOffset.UnixEpoch))
            .Apply(new Berth.Journal.Events.NetworkDisconnected("front", DateTimeOffset.UnixEpoch));

        var only = Assert.Single(ContainerNetworks.Configured(state));
        Assert.Equal(("back", "10.9.0.5"), (only.Network, only.IPv4Address));
        Assert.Equal(["db"], only.Aliases!);
    }
}
