using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>Published ports through the portmap plugin (root). Traffic only to 127.0.0.1.</summary>
public sealed class PublishedPortTests : IAsyncLifetime
{
    private readonly NetworkTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_published_port_is_reachable_from_the_host_at_127_0_0_1()
    {
        var info = await _host.AllocateAsync(_host.NewContainerId(), ports: [new SandboxPortRequest(8080)]);
        var port = Assert.Single(info.Ports);
        Assert.Equal(new SandboxPort(8080, "tcp", "0.0.0.0", port.HostPort), port);
        Assert.InRange(port.HostPort, 1024, 65535);
        // A listener made inside the sandbox's namespace stays there after its thread is gone.
        using var listener = await NetworkNamespaces.RunInsideAsync(info.SandboxKey, () =>
        {
            var l = new TcpListener(IPAddress.Any, 8080);
            l.Start();
            return l;
        });
        var accepted = ServeOnceAsync(listener, "hello from the sandbox");

        var reply = await ReadFromAsync(new IPEndPoint(IPAddress.Loopback, port.HostPort));

        Assert.Equal("hello from the sandbox", reply);
        await accepted;
    }

    [Fact]
    public async Task An_explicit_host_port_is_used_as_given_and_reported()
    {
        var firstId = _host.NewContainerId();
        var free = (await _host.AllocateAsync(firstId, ports: [new SandboxPortRequest(80)])).Ports[0].HostPort;
        await _host.Sandboxes.ReleaseAsync(firstId, CancellationToken.None);

        var info = await _host.AllocateAsync(_host.NewContainerId(), ports: [new SandboxPortRequest(80, "tcp", "127.0.0.1", free)]);

        Assert.Equal(new SandboxPort(80, "tcp", "127.0.0.1", free), Assert.Single(info.Ports));
    }

    [Fact]
    public async Task A_host_port_held_by_another_sandbox_is_a_conflict()
    {
        var first = await _host.AllocateAsync(_host.NewContainerId(), ports: [new SandboxPortRequest(80)]);
        var second = _host.NewContainerId();

        var error = await Assert.ThrowsAsync<NetworkException>(() =>
            _host.AllocateAsync(second, ports: [new SandboxPortRequest(81, HostPort: first.Ports[0].HostPort)]));

        Assert.Equal(NetworkErrorKind.Conflict, error.Kind);
        Assert.Equal($"Bind for 0.0.0.0:{first.Ports[0].HostPort} failed: port is already allocated", error.Message);
        Assert.False(File.Exists(Path.Combine(_host.Settings.NetnsDir, second)));
    }

    private static async Task ServeOnceAsync(TcpListener listener, string message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(message), timeout.Token);
    }

    private static async Task<string> ReadFromAsync(IPEndPoint endpoint)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint, timeout.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
