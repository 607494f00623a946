using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class SubnetPoolTests
{
    private static readonly string[] DockerPools = ["172.17.0.0/16/16", "172.18.0.0/16/16", "192.168.0.0/16/20"];

    [Fact]
    public void The_first_pool_subnet_clear_of_networks_and_routes_is_picked()
    {
        Assert.Equal("172.17.0.0/16", SubnetPool.Pick(DockerPools, ["10.88.0.0/16"]));
        Assert.Equal("172.18.0.0/16", SubnetPool.Pick(DockerPools, ["172.17.5.0/24"]));
        Assert.Equal("192.168.16.0/20", SubnetPool.Pick(DockerPools, ["172.17.0.0/16", "172.18.0.0/16", "192.168.1.0/24"]));
    }

    [Fact]
    public void Every_pool_used_up_gives_none()
    {
        Assert.Null(SubnetPool.Pick(["10.1.0.0/23/24"], ["10.1.0.0/24", "10.1.1.0/24"]));
    }

    [Fact]
    public void Overlap_is_containment_either_way()
    {
        Assert.True(SubnetPool.Overlaps("10.0.0.0/8", "10.88.1.0/24"));
        Assert.True(SubnetPool.Overlaps("10.88.1.0/24", "10.0.0.0/8"));
        Assert.False(SubnetPool.Overlaps("10.88.1.0/24", "10.88.2.0/24"));
    }

    [Fact]
    public void A_network_with_host_bits_or_no_room_is_refused()
    {
        Assert.True(SubnetPool.IsIpv4Network("10.9.0.0/24", out _));
        Assert.False(SubnetPool.IsIpv4Network("10.9.0.1/24", out _));
        Assert.False(SubnetPool.IsIpv4Network("10.9.0.0/31", out _));
        Assert.False(SubnetPool.IsIpv4Network("fd00::/64", out _));
    }

    [Fact]
    public void Host_routes_are_read_from_the_kernels_table_in_host_byte_order()
    {
        var table = Path.GetTempFileName();
        File.WriteAllText(table, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n" +
            "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n" +
            "berth0\t0000580A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
        try
        {
            Assert.Equal(["10.88.0.0/16"], SubnetPool.HostRoutes(table));
        }
        finally
        {
            File.Delete(table);
        }
    }
}
