using Berth.Actors.Hosting;
using Berth.Native.Network;

namespace Berth.Actors.Tests.Hosting;

public sealed class NetworkFromSettingsTests
{
    [Fact]
    public void The_daemons_bip_mtu_and_pools_reach_the_default_bridge_and_user_networks()
    {
        var paths = new HostPaths("/d", "/e", "crun") { BridgeSubnet = "10.99.0.0/24", Mtu = 1400, AddressPools = ["172.80.0.0/16/24"] };

        var network = NativeServices.NetworkFrom(paths);

        Assert.Equal(("10.99.0.0/24", "10.99.0.1", 1400), (network.DefaultNetwork.Subnet, network.DefaultNetwork.Gateway, network.DefaultNetwork.Mtu));
        Assert.Equal(["172.80.0.0/16/24"], network.AddressPools);
    }

    [Fact]
    public void Without_settings_the_built_in_bridge_and_dockers_pools_apply()
    {
        var network = NativeServices.NetworkFrom(new HostPaths("/d", "/e", "crun"));
        var builtIn = new NetworkSettings("/e", "/d");

        Assert.Equal(builtIn.DefaultNetwork, network.DefaultNetwork);
        Assert.Equal(builtIn.AddressPools, network.AddressPools);
    }
}
