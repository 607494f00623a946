using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class ResolvConfBuildTests
{
    private const string Host = "search corp.example\nnameserver 127.0.0.53\nnameserver 192.0.2.53\noptions edns0\n";

    [Fact]
    public void Without_overrides_the_filtered_host_file_is_kept()
    {
        Assert.Equal("search corp.example\nnameserver 192.0.2.53\noptions edns0\n", ResolvConf.Build(Host, new ResolvConfRequest(null, [])));
    }

    [Fact]
    public void Each_override_replaces_its_part_as_docker_does()
    {
        Assert.Equal("search corp.example\nnameserver 9.9.9.9\noptions edns0\n",
            ResolvConf.Build(Host, new ResolvConfRequest(new DnsRequest(["9.9.9.9"]), [])));
        Assert.Equal("search a.example b.example\nnameserver 192.0.2.53\noptions ndots:2\n",
            ResolvConf.Build(Host, new ResolvConfRequest(new DnsRequest(null, ["a.example", "b.example"], ["ndots:2"]), [])));
    }

    [Fact]
    public void On_a_dns_network_the_gateway_answers_first()
    {
        Assert.Equal("search corp.example\nnameserver 10.89.0.1\noptions edns0\n", ResolvConf.Build(Host, new ResolvConfRequest(null, ["10.89.0.1"])));
    }

    [Fact]
    public void Add_host_entries_parse_both_separators_and_refuse_garbage()
    {
        Assert.Equal([("10.1.2.3", "db"), ("10.0.0.1", "gw")], ExtraHosts.Resolve(["db:10.1.2.3", "gw=host-gateway"], "10.0.0.1"));
        Assert.Throws<NetworkException>(() => ExtraHosts.Resolve(["nocolon"], null));
        Assert.Throws<NetworkException>(() => ExtraHosts.Resolve(["x:not-an-ip"], null));
    }
}
