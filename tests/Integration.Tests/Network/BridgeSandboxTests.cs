using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>Bridge-mode sandboxes on the real kernel with the real CNI plugins (root).</summary>
public sealed class BridgeSandboxTests : IAsyncLifetime
{
    private readonly NetworkTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Bridge_allocation_gives_eth0_an_address_in_the_subnet_and_brings_lo_up()
    {
        var id = _host.NewContainerId();

        var info = await _host.AllocateAsync(id);

        var endpoint = Assert.Single(info.Endpoints);
        Assert.Equal("bridge", endpoint.Network);
        Assert.StartsWith(_host.SubnetPrefix, endpoint.IPAddress);
        Assert.Equal(24, endpoint.IPPrefixLen);
        Assert.Equal(_host.SubnetPrefix + "1", endpoint.Gateway);
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", endpoint.MacAddress);
        Assert.Equal(Path.Combine(_host.Settings.NetnsDir, id), info.SandboxKey);
        Assert.True(NetworkNamespaces.IsNamespace(info.SandboxKey));
        var eth0 = await Shell.InNetnsAsync(info.SandboxKey, "/usr/sbin/ip", "-o", "-4", "addr", "show", "dev", "eth0");
        Assert.Contains($"inet {endpoint.IPAddress}/24", eth0.Stdout);
        var lo = await Shell.InNetnsAsync(info.SandboxKey, "/usr/sbin/ip", "-o", "link", "show", "lo");
        Assert.Contains("UP", lo.Stdout.Split('<', '>')[1].Split(','));
        var route = await Shell.InNetnsAsync(info.SandboxKey, "/usr/sbin/ip", "-4", "route", "show", "default");
        Assert.Contains($"via {endpoint.Gateway}", route.Stdout);
        Assert.Equal([endpoint.IPAddress!], _host.Leases());
    }

    [Fact]
    public async Task Bridge_allocation_writes_Dockers_hosts_hostname_and_resolv_conf()
    {
        var id = _host.NewContainerId();

        var info = await _host.AllocateAsync(id);

        var dir = _host.Settings.ContainerDir(id);
        Assert.Equal(Path.Combine(dir, "hosts"), info.HostsPath);
        Assert.Equal(Path.Combine(dir, "resolv.conf"), info.ResolvConfPath);
        Assert.Equal(Path.Combine(dir, "hostname"), info.HostnamePath);
        Assert.Equal($"web-{id[..6]}\n", await File.ReadAllTextAsync(info.HostnamePath!));
        var hosts = await File.ReadAllLinesAsync(info.HostsPath!);
        Assert.Equal("127.0.0.1\tlocalhost", hosts[0]);
        Assert.Equal("::1\tlocalhost ip6-localhost ip6-loopback", hosts[1]);
        Assert.Equal($"{info.Endpoints[0].IPAddress}\tweb-{id[..6]}", hosts[^1]);
        var resolv = await File.ReadAllTextAsync(info.ResolvConfPath!);
        Assert.DoesNotContain("nameserver 127.", resolv);
        Assert.Contains("nameserver ", resolv);
        Assert.Equal(ResolvConf.Hash(resolv), await File.ReadAllTextAsync(info.ResolvConfPath + ".hash"));
    }

    [Fact]
    public async Task Two_sandboxes_on_the_bridge_reach_each_other()
    {
        var a = await _host.AllocateAsync(_host.NewContainerId());
        var b = await _host.AllocateAsync(_host.NewContainerId());

        Assert.NotEqual(a.Endpoints[0].IPAddress, b.Endpoints[0].IPAddress);
        var ping = await Shell.InNetnsAsync(a.SandboxKey, "/usr/bin/busybox", "ping", "-c", "1", "-W", "2", b.Endpoints[0].IPAddress!);
        Assert.True(ping.ExitCode == 0, ping.Output);
        var back = await Shell.InNetnsAsync(b.SandboxKey, "/usr/bin/busybox", "ping", "-c", "1", "-W", "2", a.Endpoints[0].IPAddress!);
        Assert.True(back.ExitCode == 0, back.Output);
    }

    [Fact]
    public async Task Concurrent_allocations_get_distinct_addresses()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => _host.NewContainerId()).ToList();

        var infos = await Task.WhenAll(ids.Select(id => _host.AllocateAsync(id)));

        Assert.Equal(6, infos.Select(i => i.Endpoints[0].IPAddress).Distinct().Count());
        Assert.Equal(6, (await _host.BridgePortsAsync()).Count);
    }
}
