using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>Release: everything a sandbox held disappears, idempotently, even after a crash (root).</summary>
public sealed class SandboxReleaseTests : IAsyncLifetime
{
    private readonly NetworkTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Release_removes_the_veth_the_namespace_the_lease_the_rules_and_the_record()
    {
        var id = _host.NewContainerId();
        var info = await _host.AllocateAsync(id, ports: [new SandboxPortRequest(80), new SandboxPortRequest(53, "udp")]);
        Assert.Single(await _host.BridgePortsAsync());
        Assert.NotEmpty(await NetworkTestHost.IptablesLinesAsync(id));
        Assert.True(File.Exists(Path.Combine(_host.Settings.SandboxRecordDir, id + ".json")));

        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);

        Assert.Empty(await _host.BridgePortsAsync());
        Assert.False(File.Exists(info.SandboxKey));
        Assert.Empty(_host.Leases());
        Assert.Empty(await NetworkTestHost.IptablesLinesAsync(id));
        Assert.False(File.Exists(Path.Combine(_host.Settings.SandboxRecordDir, id + ".json")));
    }

    [Fact]
    public async Task Releasing_twice_and_releasing_what_was_never_allocated_are_fine()
    {
        var id = _host.NewContainerId();
        await _host.AllocateAsync(id);

        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);
        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);
        await _host.Sandboxes.ReleaseAsync(_host.NewContainerId(), CancellationToken.None);

        Assert.Empty(_host.Leases());
    }

    [Fact]
    public async Task Release_after_the_namespace_vanished_still_frees_the_lease_and_the_rules()
    {
        // As after a reboot: the exec root (tmpfs) is empty, the data root still has the record.
        var id = _host.NewContainerId();
        var info = await _host.AllocateAsync(id, ports: [new SandboxPortRequest(80)]);
        NetworkNamespaces.DeletePath(info.SandboxKey);

        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);

        Assert.Empty(_host.Leases());
        Assert.Empty(await NetworkTestHost.IptablesLinesAsync(id));
        // The kernel destroys an unreferenced namespace (and its veth pair) asynchronously.
        Assert.True(await _host.BridgeEmptiesAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Release_of_a_half_made_namespace_file_succeeds()
    {
        // A crash between creating the namespace file and mounting the namespace onto it.
        var id = _host.NewContainerId();
        var info = await _host.AllocateAsync(id);
        NetworkNamespaces.DeletePath(info.SandboxKey);
        await File.WriteAllBytesAsync(info.SandboxKey, []);

        await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);

        Assert.False(File.Exists(info.SandboxKey));
        Assert.Empty(_host.Leases());
    }

    [Fact]
    public async Task Allocating_again_without_a_release_replaces_the_stale_sandbox()
    {
        // A crash after CNI ADD but before NetworkAllocated was journaled: start runs again.
        var id = _host.NewContainerId();
        await _host.AllocateAsync(id, ports: [new SandboxPortRequest(80)]);

        var again = await _host.AllocateAsync(id, ports: [new SandboxPortRequest(80)]);

        Assert.Equal([again.Endpoints[0].IPAddress!], _host.Leases());
        Assert.Single(await _host.BridgePortsAsync());
    }

    [Fact]
    public async Task A_plugin_failing_mid_chain_is_a_CniException_and_the_rollback_leaves_nothing()
    {
        // bridge ADD succeeds (veth, lease, masquerade), then portmap refuses: everything is undone.
        var fakes = Path.Combine(_host.Root, "fake-cni");
        Directory.CreateDirectory(fakes);
        var portmap = Path.Combine(fakes, "portmap");
        await File.WriteAllTextAsync(portmap, """
            #!/bin/sh
            if [ "$CNI_COMMAND" = "ADD" ]; then
              echo '{"cniVersion":"1.0.0","code":7,"msg":"portmap refused","details":"injected by the test"}'
              exit 1
            fi
            exit 0
            """.Replace("\r", ""));
        File.SetUnixFileMode(portmap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var sandboxes = new CniNetworkSandboxes(_host.Settings with { CniPluginDir = fakes + ":/usr/lib/cni" });
        var id = _host.NewContainerId();

        var error = await Assert.ThrowsAsync<CniException>(() => sandboxes.AllocateAsync(
            new SandboxRequest(id, "bridge", "x", null, [new SandboxPortRequest(80)]), CancellationToken.None));

        Assert.Equal(("portmap", "ADD", 7, "portmap refused", "injected by the test"), (error.Plugin, error.Command, error.Code, error.Msg, error.Details));
        Assert.False(File.Exists(Path.Combine(_host.Settings.NetnsDir, id)));
        Assert.False(File.Exists(Path.Combine(_host.Settings.SandboxRecordDir, id + ".json")));
        Assert.Empty(_host.Leases());
        Assert.Empty(await _host.BridgePortsAsync());
        Assert.Empty(await NetworkTestHost.IptablesLinesAsync(id));
    }

    [Fact]
    public void An_invalid_subnet_is_refused_before_any_plugin_runs()
    {
        var error = Assert.Throws<NetworkException>(() => new CniNetworkSandboxes(_host.Settings with { Subnet = "10.300.0.0/24" }));

        Assert.Equal(NetworkErrorKind.InvalidParameter, error.Kind);
    }

    [Fact]
    public async Task Fifty_allocate_release_cycles_leave_nothing_and_the_next_allocation_gets_an_address()
    {
        for (var i = 0; i < 50; i++)
        {
            var id = _host.NewContainerId();
            await _host.AllocateAsync(id, ports: [new SandboxPortRequest(80)]);
            await _host.Sandboxes.ReleaseAsync(id, CancellationToken.None);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_host.Settings.NetnsDir));
        Assert.Empty(await _host.BridgePortsAsync());
        Assert.Empty(_host.Leases());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_host.Settings.SandboxRecordDir));
        var next = await _host.AllocateAsync(_host.NewContainerId());
        Assert.StartsWith(_host.SubnetPrefix, next.Endpoints[0].IPAddress);
    }
}
