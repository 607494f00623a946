using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class HostPortsTests
{
    [Fact]
    public void An_explicit_port_is_kept_and_every_address_is_reported_as_0_0_0_0()
    {
        var ports = HostPorts.Resolve([new SandboxPortRequest(80, "TCP", null, 8080)], []);

        Assert.Equal([new SandboxPort(80, "tcp", "0.0.0.0", 8080)], ports);
    }

    [Fact]
    public void Port_zero_takes_a_free_port_no_other_sandbox_holds()
    {
        var ports = HostPorts.Resolve([new SandboxPortRequest(80), new SandboxPortRequest(81)], []);

        Assert.All(ports, p => Assert.InRange(p.HostPort, 1, 65535));
        Assert.NotEqual(ports[0].HostPort, ports[1].HostPort);
    }

    [Fact]
    public void A_port_held_by_another_sandbox_on_every_address_is_a_conflict()
    {
        var error = Assert.Throws<NetworkException>(() =>
            HostPorts.Resolve([new SandboxPortRequest(80, "tcp", "127.0.0.1", 8080)], [new SandboxPort(81, "tcp", "0.0.0.0", 8080)]));

        Assert.Equal(NetworkErrorKind.Conflict, error.Kind);
        Assert.Equal("Bind for 127.0.0.1:8080 failed: port is already allocated", error.Message);
    }

    [Fact]
    public void The_same_port_on_another_protocol_or_another_address_is_free()
    {
        var ports = HostPorts.Resolve(
            [new SandboxPortRequest(53, "udp", null, 5353), new SandboxPortRequest(80, "tcp", "127.0.0.2", 8080)],
            [new SandboxPort(53, "tcp", "0.0.0.0", 5353), new SandboxPort(80, "tcp", "127.0.0.1", 8080)]);

        Assert.Equal(2, ports.Count);
    }

    [Fact]
    public void Two_mappings_of_one_request_to_the_same_host_port_conflict()
    {
        Assert.Throws<NetworkException>(() =>
            HostPorts.Resolve([new SandboxPortRequest(80, HostPort: 8080), new SandboxPortRequest(81, HostPort: 8080)], []));
    }

    [Theory]
    [InlineData(0, "tcp", null, 0)]
    [InlineData(80, "icmp", null, 0)]
    [InlineData(80, "tcp", "::1", 0)]
    [InlineData(80, "tcp", "not-an-ip", 0)]
    [InlineData(80, "tcp", null, 70000)]
    public void Invalid_requests_are_refused(int containerPort, string protocol, string? hostIp, int hostPort)
    {
        var error = Assert.Throws<NetworkException>(() =>
            HostPorts.Resolve([new SandboxPortRequest(containerPort, protocol, hostIp, hostPort)], []));

        Assert.Equal(NetworkErrorKind.InvalidParameter, error.Kind);
    }
}
