using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class AardvarkConfigTests
{
    private static readonly BridgeNetwork Net = new(new string('b', 64), "app", "br-bbbbbbbbbbbb", "10.89.0.0/24", "10.89.0.1", Dns: true);

    [Fact]
    public void A_network_file_lists_the_gateway_then_each_container_with_its_names()
    {
        var record = Record("c1", "10.89.0.5/24", ["web", "c1", "db"]);

        Assert.Equal("10.89.0.1\nc1 10.89.0.5  web,c1,db\n", AardvarkDns.Render(Net, [record]));
    }

    [Fact]
    public void A_network_without_addressed_containers_has_no_file()
    {
        Assert.Null(AardvarkDns.Render(Net, [Record("c2", null, ["x"])]));
        Assert.Null(AardvarkDns.Render(Net, []));
    }

    private static SandboxRecord Record(string id, string? cidr, IReadOnlyList<string> names)
    {
        JsonNode? result = cidr is null ? null : JsonNode.Parse($$"""{"ips":[{"address":"{{cidr}}","gateway":"10.89.0.1"}]}""");
        return new SandboxRecord(1, id, "bridge", "/run/berth/netns/" + id, [],
        [
            new CniAttachment("loopback", "lo", [CniPluginConfigs.Loopback()]),
            new CniAttachment("app", "eth0", [], result) { DnsNames = names },
        ]);
    }
}
