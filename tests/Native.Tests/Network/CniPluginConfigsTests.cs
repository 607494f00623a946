using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class CniPluginConfigsTests
{
    private static readonly NetworkSettings Settings = new("/run/berth", "/var/lib/berth") { BridgeName = "br9", Subnet = "10.9.0.0/24" };

    [Fact]
    public void The_bridge_is_Dockers_default_bridge_with_leases_under_the_data_root()
    {
        var config = CniPluginConfigs.Bridge(Settings);

        Assert.Equal("""
            {"cniVersion":"1.0.0","name":"bridge","type":"bridge","bridge":"br9","isGateway":true,"ipMasq":false,"hairpinMode":true,"ipam":{"type":"host-local","ranges":[[{"subnet":"10.9.0.0/24","gateway":"10.9.0.1"}]],"dataDir":"/var/lib/berth/network/ipam","routes":[{"dst":"0.0.0.0/0"}]}}
            """, config.ToJsonString());
    }

    [Fact]
    public void A_static_address_is_asked_of_host_local_in_runtimeConfig_and_an_internal_network_has_no_default_route()
    {
        var network = new BridgeNetwork(new string('a', 64), "backend", "br-aaaaaaaaaaaa", "172.20.0.0/16", "172.20.0.1", Internal: true);

        var config = CniPluginConfigs.Bridge(network, "/var/lib/berth/network/ipam", "172.20.0.9");

        Assert.Equal("""
            {"cniVersion":"1.0.0","name":"backend","type":"bridge","bridge":"br-aaaaaaaaaaaa","isGateway":true,"ipMasq":false,"hairpinMode":true,"ipam":{"type":"host-local","ranges":[[{"subnet":"172.20.0.0/16","gateway":"172.20.0.1"}]],"dataDir":"/var/lib/berth/network/ipam"},"runtimeConfig":{"ips":["172.20.0.9/16"]}}
            """, config.ToJsonString());
    }

    [Fact]
    public void Portmap_carries_the_mappings_in_runtimeConfig_and_omits_an_unspecified_host_ip()
    {
        var config = CniPluginConfigs.Portmap("bridge", [new SandboxPort(80, "tcp", "0.0.0.0", 8080), new SandboxPort(53, "udp", "127.0.0.1", 5353)]);

        Assert.Equal("""
            {"cniVersion":"1.0.0","name":"bridge","type":"portmap","snat":true,"runtimeConfig":{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"},{"hostPort":5353,"containerPort":53,"protocol":"udp","hostIP":"127.0.0.1"}]}}
            """, config.ToJsonString());
    }
}
