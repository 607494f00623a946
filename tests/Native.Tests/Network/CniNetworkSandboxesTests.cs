using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

/// <summary>What CniNetworkSandboxes decides before any namespace or plugin is involved.</summary>
public sealed class CniNetworkSandboxesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "berth-sandboxes-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly CniNetworkSandboxes _sandboxes;
    private readonly NetworkSettings _settings;

    public CniNetworkSandboxesTests()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "host-hosts"), "127.0.0.1 localhost myhost\n");
        File.WriteAllText(Path.Combine(_root, "host-resolv"), "nameserver 127.0.0.53\n");
        _settings = new NetworkSettings(Path.Combine(_root, "run"), Path.Combine(_root, "lib"))
        {
            HostHostsFile = Path.Combine(_root, "host-hosts"),
            HostResolvConf = Path.Combine(_root, "host-resolv"),
        };
        _sandboxes = new CniNetworkSandboxes(_settings);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Host_mode_has_no_sandbox_key_and_copies_the_hosts_files_unfiltered()
    {
        var info = await _sandboxes.AllocateAsync(new SandboxRequest("c1", "host", "", null, [new SandboxPortRequest(80)]), CancellationToken.None);

        Assert.Equal("", info.SandboxKey);
        Assert.Empty(info.Ports);
        Assert.Equal("127.0.0.1 localhost myhost\n", File.ReadAllText(info.HostsPath!));
        Assert.Equal("nameserver 127.0.0.53\n", File.ReadAllText(info.ResolvConfPath!));
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/hostname").Trim() + "\n", File.ReadAllText(info.HostnamePath!));
        Assert.Equal(Path.Combine(_settings.DataRoot, "containers", "c1", "hosts"), info.HostsPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("-x")]
    public async Task An_id_CNI_would_refuse_is_an_invalid_parameter(string id)
    {
        var error = await Assert.ThrowsAsync<NetworkException>(() =>
            _sandboxes.AllocateAsync(new SandboxRequest(id, "bridge", "h", null), CancellationToken.None));

        Assert.Equal(NetworkErrorKind.InvalidParameter, error.Kind);
    }

    [Theory]
    [InlineData("container:web", NetworkErrorKind.Conflict)] // no sandbox of web's to join: it is not running
    [InlineData("frontend", NetworkErrorKind.NotFound)]
    public async Task Unknown_networks_and_absent_containers_are_refused(string mode, NetworkErrorKind kind)
    {
        var error = await Assert.ThrowsAsync<NetworkException>(() =>
            _sandboxes.AllocateAsync(new SandboxRequest("c1", mode, "h", null), CancellationToken.None));

        Assert.Equal(kind, error.Kind);
    }

    [Theory]
    [InlineData("10.300.0.0/24")]
    [InlineData("fd00::/64")]
    [InlineData("10.88.0.1/16")]
    public void A_subnet_that_is_not_an_IPv4_network_is_refused(string subnet)
    {
        Assert.Throws<NetworkException>(() => new CniNetworkSandboxes(_settings with { Subnet = subnet }));
    }

    [Fact]
    public async Task A_record_from_before_lo_was_set_up_in_process_is_released_without_the_loopback_plugin()
    {
        // No plugin directory at all: a DEL of the old loopback attachment would fail with "not found".
        var sandboxes = new CniNetworkSandboxes(_settings with { CniPluginDir = Path.Combine(_root, "no-plugins") });
        var records = new SandboxRecords(_settings.SandboxRecordDir);
        var loopback = new CniAttachment("loopback", "lo", [CniPluginConfigs.Loopback()]);
        records.Write(new SandboxRecord(1, "c1", "none", Path.Combine(_settings.NetnsDir, "c1"), [], [loopback]));

        await sandboxes.ReleaseAsync("c1", CancellationToken.None);

        Assert.Null(records.TryRead("c1"));
        Assert.Empty(sandboxes.Records());
    }

    [Fact]
    public async Task Releasing_a_container_that_never_had_a_sandbox_is_fine()
    {
        await _sandboxes.ReleaseAsync("never", CancellationToken.None);
    }
}
