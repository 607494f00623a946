using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Network;
using Berth.Integration.Tests.Storage;
using DotNet.Testcontainers.Builders;
using Xunit.Abstractions;

namespace Berth.Integration.Tests.Compat;

/// <summary>
/// Testcontainers with berth's default bridge: a published port chosen by the daemon, found through
/// Testcontainers' port lookup and answering HTTP on 127.0.0.1. (Testcontainers' HTTP wait goes to
/// container.Hostname, which is the network's Gateway from inspect when /.dockerenv exists, as on
/// this project's machines, and 127.0.0.1 otherwise: both reach the published port.) The daemon gets its own bridge and
/// subnet (NetworkTestHost), deleted afterwards.
/// </summary>
public sealed class TestcontainersBridgeTests(TestImagesFixture images, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private readonly NetworkTestHost _network = new();
    private DaemonHost _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive, _network.Settings);

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var request in _daemon.Requests) output.WriteLine(request);
            await _daemon.DisposeAsync();
        }
        finally
        {
            await _network.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_published_port_answers_http_on_127_0_0_1_at_the_mapped_port()
    {
        await using var container = BerthEndpoint.Busybox(_daemon)
            .WithCommand("sh", "-c", "mkdir /www && echo hello from busybox httpd > /www/index.html && exec httpd -f -p 80 -h /www")
            .WithPortBinding(80, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(80)))
            .Build();

        await container.StartAsync();

        var port = container.GetMappedPublicPort(80);
        Assert.InRange(port, 1024, 65535);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("hello from busybox httpd\n", await http.GetStringAsync($"http://127.0.0.1:{port}/"));
        Assert.StartsWith(_network.SubnetPrefix, container.IpAddress);
    }
}
