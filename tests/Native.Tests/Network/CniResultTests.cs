using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class CniResultTests
{
    // What bridge 1.1.1 printed on this host (interfaces: bridge, host veth, container eth0).
    private const string BridgeResult = """
        {"cniVersion":"1.0.0",
         "interfaces":[{"name":"bttry","mac":"e6:86:55:b3:7b:a6"},{"name":"veth05288f9b","mac":"7e:8f:e1:cf:d0:fa"},
                       {"name":"eth0","mac":"66:ea:e3:e2:bb:54","sandbox":"/run/berth/netns/abc"}],
         "ips":[{"interface":2,"address":"10.201.0.2/24","gateway":"10.201.0.1"}],
         "routes":[{"dst":"0.0.0.0/0"}],"dns":{}}
        """;

    [Fact]
    public void The_container_interfaces_address_gateway_and_mac_become_the_endpoint()
    {
        var endpoint = CniResult.ToEndpoint("bridge", "eth0", JsonNode.Parse(BridgeResult));

        Assert.Equal(new SandboxEndpoint("bridge", "10.201.0.2", 24, "10.201.0.1", "66:ea:e3:e2:bb:54"), endpoint);
    }

    [Fact]
    public void An_ipv6_address_listed_first_is_skipped_for_the_ipv4_one()
    {
        var result = JsonNode.Parse("""
            {"interfaces":[{"name":"eth0","mac":"aa:bb:cc:dd:ee:ff","sandbox":"/x"}],
             "ips":[{"interface":0,"address":"fd00::5/64"},{"interface":0,"address":"10.1.2.3/16","gateway":"10.1.0.1"}]}
            """);

        var endpoint = CniResult.ToEndpoint("bridge", "eth0", result);

        Assert.Equal(("10.1.2.3", 16, "10.1.0.1"), (endpoint.IPAddress, endpoint.IPPrefixLen, endpoint.Gateway));
    }

    [Fact]
    public void A_result_without_addresses_gives_an_endpoint_without_ip()
    {
        Assert.Equal(new SandboxEndpoint("n", null, 0, null, null), CniResult.ToEndpoint("n", "eth0", null));
    }
}
