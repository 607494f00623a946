using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Network.Daemon;

/// <summary>Network modes and the resolution files, compared with what Docker gives for the same flags.</summary>
public sealed class NetworkModeAndFileTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private NetworkDaemon _d = null!;

    public async Task InitializeAsync() => _d = await NetworkDaemon.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task Network_none_shows_only_lo()
    {
        var (code, output) = await _d.RunToEndAsync("--network", "none", "busybox", "sh", "-c", "ls /sys/class/net");

        Assert.Equal(0, code);
        Assert.Equal("lo", output.Trim());
    }

    [Fact]
    public async Task Network_host_sees_the_hosts_interfaces()
    {
        var hostLinks = Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName).Where(n => n is "eth0" or "lo" or "berth0").ToList();

        var (code, output) = await _d.RunToEndAsync("--network", "host", "busybox", "sh", "-c", "ls /sys/class/net");

        Assert.Equal(0, code);
        var seen = output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.All(hostLinks, link => Assert.Contains(link, seen));
        Assert.True(seen.Length > 1);
    }

    [Fact]
    public async Task Network_container_shares_the_other_containers_addresses()
    {
        var first = await _d.RunAsync("--network", _d.Network, "busybox", "sleep", "300");
        var ip = (await _d.InspectAsync(first)).GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(_d.Network).GetProperty("IPAddress").GetString();

        var (code, output) = await _d.RunToEndAsync("--network", "container:" + first, "busybox", "ip", "-4", "-o", "addr");

        Assert.Equal(0, code);
        Assert.Contains($"inet {ip}/24", output);
    }

    [Fact]
    public async Task Hosts_resolv_conf_and_hostname_are_what_docker_writes_for_the_same_flags()
    {
        var (code, output) = await _d.RunToEndAsync("--network", "bridge", "--hostname", "box", "--add-host", "db.local:10.1.2.3",
            "--dns", "9.9.9.9", "--dns-search", "example.com", "--dns-option", "ndots:2",
            "busybox", "sh", "-c", "cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; cat /etc/hostname; echo ---; ip -4 -o addr show eth0");

        Assert.Equal(0, code);
        var parts = output.Split("---\n");
        var ip = parts[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3].Split('/')[0];
        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\n" +
            $"ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n10.1.2.3\tdb.local\n{ip}\tbox\n", parts[0]);
        Assert.Equal("search example.com\nnameserver 9.9.9.9\noptions ndots:2\n", parts[1]);
        Assert.Equal("box\n", parts[2]);
    }

    [Fact]
    public async Task On_a_user_network_the_resolver_is_the_networks_dns_server()
    {
        var (code, output) = await _d.RunToEndAsync("--network", _d.Network, "busybox", "cat", "/etc/resolv.conf");

        Assert.Equal(0, code);
        Assert.StartsWith($"nameserver {_d.Prefix}.1\n", output.Replace("search", "").TrimStart());
    }
}
