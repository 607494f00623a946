using System.Diagnostics;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Api.Models;
using Xunit.Abstractions;

namespace Berth.Integration.Tests.Network.Daemon;

/// <summary>
/// 500 <c>run --rm</c> cycles on a bridge network through the daemon API (in parallel batches), on a
/// /24 so addresses must be returned to be reused: afterwards no netns, veth, lease, sandbox record
/// or iptables rule of those containers is left, and the next container gets an address.
/// </summary>
public sealed class RunRmCycleTests(TestImagesFixture images, ITestOutputHelper log) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private const int Cycles = 500;
    private const int Parallel = 6;
    private NetworkDaemon _d = null!;

    public async Task InitializeAsync() => _d = await NetworkDaemon.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task After_500_run_rm_cycles_nothing_is_left_and_the_next_container_gets_a_free_address()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForAsync(0, Cycles, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (_, _) =>
        {
            var id = await RunRmAsync();
            ids.Add(id);
        });
        log.WriteLine($"{Cycles} run --rm cycles, {Parallel} at a time: {clock.Elapsed.TotalSeconds:0.0} s");

        var (code, output) = await _d.RunToEndAsync("--network", _d.Network, "busybox", "ip", "-4", "-o", "addr", "show", "eth0");
        Assert.True(code == 0, output);
        Assert.Contains($"inet {_d.Prefix}.", output);

        Assert.Empty(Directory.Exists(Path.Combine(_d.Host.ExecRoot, "netns")) ? Directory.GetFiles(Path.Combine(_d.Host.ExecRoot, "netns")) : []);
        var sandboxes = Path.Combine(_d.Host.DataRoot, "network", "sandboxes");
        Assert.DoesNotContain(Directory.Exists(sandboxes) ? Directory.GetFiles(sandboxes) : [], f => ids.Any(f.Contains));
        var leases = Path.Combine(_d.Host.DataRoot, "network", "ipam", _d.Network);
        var leaseOwners = Directory.GetFiles(leases).Where(f => !Path.GetFileName(f).StartsWith("last_reserved_ip") && !f.EndsWith("lock"))
            .Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(leaseOwners, owner => ids.Any(owner.Contains));
        var rules = (await Shell.RunAsync("iptables-save")).Stdout;
        Assert.DoesNotContain(ids, id => rules.Contains(id));
        var links = (await Shell.RunAsync("ip", "-o", "link", "show", "master", Bridge())).Stdout;
        Assert.Equal("", links.Trim());
    }

    private async Task<string> RunRmAsync()
    {
        var parsed = Berth.Supervisor.Cli.CliArgs.Parse(["--rm", "--network", _d.Network, "busybox", "true"],
            Berth.Supervisor.Cli.CreateCommand.ValueFlags, Berth.Supervisor.Cli.CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await Berth.Supervisor.Cli.CreateCommand.CreateAsync(_d.Client, parsed);
        using var wait = await _d.Client.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition=removed");
        await _d.Client.PostAsync($"/containers/{id}/start");
        await wait.Content.ReadAsStringAsync();
        return id;
    }

    private string Bridge()
    {
        var network = _d.Client.GetJsonAsync($"/networks/{_d.Network}", ApiJson.Default.ApiNetwork).GetAwaiter().GetResult();
        return network.Options["com.docker.network.bridge.name"];
    }
}
