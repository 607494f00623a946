using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>The none, host and container: network modes, and unknown networks (root).</summary>
public sealed class NetworkModeTests : IAsyncLifetime
{
    private readonly NetworkTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task None_mode_has_a_namespace_with_only_loopback_up()
    {
        var id = _host.NewContainerId();

        var info = await _host.AllocateAsync(id, "none", [new SandboxPortRequest(80)]);

        Assert.True(NetworkNamespaces.IsNamespace(info.SandboxKey));
        var links = (await Shell.InNetnsAsync(info.SandboxKey, "/usr/sbin/ip", "-o", "link")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lo = Assert.Single(links);
        Assert.Contains("lo:", lo);
        Assert.Contains("UP", lo.Split('<', '>')[1].Split(','));
        var endpoint = Assert.Single(info.Endpoints);
        Assert.Equal(new SandboxEndpoint("none", null, 0, null, null), endpoint);
        Assert.Empty(info.Ports);
        Assert.DoesNotContain($"web-{id[..6]}", await File.ReadAllTextAsync(info.HostsPath!));
        Assert.Empty(_host.Leases());
    }

    [Fact]
    public async Task Host_mode_stays_in_the_hosts_namespace_with_the_hosts_files()
    {
        var id = _host.NewContainerId();

        var info = await _host.AllocateAsync(id, "host");

        Assert.Equal("", info.SandboxKey);
        Assert.Equal("host", Assert.Single(info.Endpoints).Network);
        Assert.False(File.Exists(Path.Combine(_host.Settings.NetnsDir, id)));
        Assert.Equal(await File.ReadAllTextAsync("/etc/hosts"), await File.ReadAllTextAsync(info.HostsPath!));
        Assert.Equal(await File.ReadAllTextAsync("/etc/resolv.conf"), await File.ReadAllTextAsync(info.ResolvConfPath!));
        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);
    }

    [Fact]
    public async Task Container_mode_joins_the_other_sandbox_and_refuses_one_that_is_not_there()
    {
        var first = _host.NewContainerId();
        var owner = await _host.AllocateAsync(first, "none");

        var joined = await _host.AllocateAsync(_host.NewContainerId(), "container:" + first);
        var error = await Assert.ThrowsAsync<NetworkException>(() => _host.AllocateAsync(_host.NewContainerId(), "container:abc"));

        Assert.Equal(owner.SandboxKey, joined.SandboxKey);
        Assert.Equal(owner.HostsPath, joined.HostsPath);
        Assert.Equal(NetworkErrorKind.Conflict, error.Kind);
        Assert.Contains("cannot join network of a non running container: abc", error.Message);
    }

    [Fact]
    public async Task An_unknown_network_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NetworkException>(() => _host.AllocateAsync(_host.NewContainerId(), "frontend"));

        Assert.Equal(NetworkErrorKind.NotFound, error.Kind);
        Assert.Equal("network frontend not found", error.Message);
    }
}
