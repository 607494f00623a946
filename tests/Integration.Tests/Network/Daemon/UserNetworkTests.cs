using System.Net.Sockets;
using System.Text.Json;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Network.Daemon;

/// <summary>User-defined networks through the daemon, with the real kernel: what a Docker user checks.</summary>
public sealed class UserNetworkTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private NetworkDaemon _d = null!;

    public async Task InitializeAsync() => _d = await NetworkDaemon.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _d.DisposeAsync();

    [Fact]
    public async Task Two_containers_on_a_user_network_reach_each_other_by_ip_name_and_alias()
    {
        var webIp = _d.Prefix + ".50";
        await _d.RunAsync("--name", "web", "--network", _d.Network, "--ip", webIp, "--network-alias", "db", "busybox", "sleep", "300");

        var (code, output) = await _d.RunToEndAsync("--network", _d.Network, "busybox", "sh", "-c",
            $"ping -c1 -W3 {webIp} && ping -c1 -W3 web && ping -c1 -W3 db && nslookup web");

        Assert.True(code == 0, output);
        Assert.Contains($"PING web ({webIp})", output);
        Assert.Contains($"PING db ({webIp})", output);
        Assert.Contains($"Address: {webIp}", output);
    }

    [Fact]
    public async Task A_container_resolves_a_peer_that_started_after_it()
    {
        var first = await _d.RunAsync("--name", "early", "--network", _d.Network, "busybox", "sleep", "300");
        await _d.RunAsync("--name", "late", "--network", _d.Network, "busybox", "sleep", "300");
        var lateIp = (await _d.InspectAsync("late")).GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(_d.Network).GetProperty("IPAddress").GetString();

        var (code, output) = await _d.RunToEndAsync("--network", "container:" + first, "busybox", "ping", "-c1", "-W3", "late");

        Assert.True(code == 0, output);
        Assert.Contains($"({lateIp})", output);
    }

    [Fact]
    public async Task A_published_port_on_127_0_0_1_answers_on_the_host_and_a_random_one_is_reported()
    {
        var port = FreePort();
        var id = await _d.RunAsync("--network", _d.Network, "-p", $"127.0.0.1:{port}:8080", "-p", "8081", "busybox", "sh", "-c",
            "while true; do echo hello-from-berth | nc -l -p 8080; done");

        var answer = await ReadFromAsync(port);

        Assert.Equal("hello-from-berth", answer.Trim());
        var ports = (await _d.InspectAsync(id)).GetProperty("NetworkSettings").GetProperty("Ports");
        Assert.Equal(port.ToString(), ports.GetProperty("8080/tcp")[0].GetProperty("HostPort").GetString());
        Assert.Equal("127.0.0.1", ports.GetProperty("8080/tcp")[0].GetProperty("HostIp").GetString());
        Assert.NotEqual("0", ports.GetProperty("8081/tcp")[0].GetProperty("HostPort").GetString());
    }

    [Fact]
    public async Task Connect_adds_an_interface_to_a_running_container_and_disconnect_removes_it()
    {
        var other = "tn" + Guid.NewGuid().ToString("N")[..8];
        var otherPrefix = _d.Prefix.Replace("10.21", "10.22");
        await _d.CreateNetworkAsync(other, otherPrefix + ".0/24");
        var id = await _d.RunAsync("--network", _d.Network, "busybox", "sleep", "300");

        using (var _ = await _d.Client.SendAsync(HttpMethod.Post, $"/networks/{other}/connect", Json("{\"Container\":\"" + id + "\",\"EndpointConfig\":{\"IPAMConfig\":{\"IPv4Address\":\"" + otherPrefix + ".9\"}}}")))
        { }
        var joined = await Addresses(id);
        using (var _ = await _d.Client.SendAsync(HttpMethod.Post, $"/networks/{other}/disconnect", Json($$"""{"Container":"{{id}}"}""")))
        { }
        var left = await Addresses(id);

        Assert.Contains(otherPrefix + ".9/24", joined);
        Assert.DoesNotContain(otherPrefix + ".9/24", left);
        Assert.Contains(_d.Prefix + ".", left);
        var networks = (await _d.InspectAsync(id)).GetProperty("NetworkSettings").GetProperty("Networks");
        Assert.False(networks.TryGetProperty(other, out _));
    }

    [Fact]
    public async Task Network_verbs_refuse_what_docker_refuses()
    {
        await _d.RunAsync("--network", _d.Network, "busybox", "sleep", "300");

        var duplicate = await _d.RefusalAsync(HttpMethod.Post, "/networks/create", $$"""{"Name":"{{_d.Network}}"}""");
        var overlap = await _d.RefusalAsync(HttpMethod.Post, "/networks/create", $$$"""{"Name":"ov{{{_d.Network}}}","IPAM":{"Config":[{"Subnet":"{{{_d.Prefix}}}.128/25"}]}}""");
        var inUse = await _d.RefusalAsync(HttpMethod.Delete, $"/networks/{_d.Network}");
        var predefined = await _d.RefusalAsync(HttpMethod.Delete, "/networks/bridge");
        var unknown = await _d.RefusalAsync(HttpMethod.Get, "/networks/no-such-network");
        var ipOnBridge = await _d.RefusalAsync(HttpMethod.Post, "/containers/create",
            """{"Image":"busybox","NetworkingConfig":{"EndpointsConfig":{"bridge":{"IPAMConfig":{"IPv4Address":"10.88.5.5"}}}}}""");
        var unknownNetwork = await _d.RefusalAsync(HttpMethod.Post, "/containers/create", """{"Image":"busybox","HostConfig":{"NetworkMode":"no-such-network"}}""");

        Assert.Equal((409, $"network with name {_d.Network} already exists"), duplicate);
        Assert.Equal(403, overlap.Status);
        Assert.Equal(403, inUse.Status);
        Assert.Matches($"^error while removing network: network {_d.Network} id [0-9a-f]{{64}} has active endpoints$", inUse.Message);
        Assert.Equal((403, "bridge is a pre-defined network and cannot be removed"), predefined);
        Assert.Equal((404, "network no-such-network not found"), unknown);
        Assert.Equal((400, "user specified IP address is supported on user defined networks only"), ipOnBridge);
        Assert.Equal((404, "network no-such-network not found"), unknownNetwork);
    }

    [Fact]
    public async Task Joining_a_container_that_is_not_running_is_a_conflict()
    {
        var stopped = await _d.RunAsync("--network", _d.Network, "busybox", "true");
        await _d.Host.WaitAsync(stopped);
        // The exit is journaled before the run's resources are released: wait until the sandbox is gone too.
        for (var i = 0; i < 100 && (await _d.InspectAsync(stopped)).GetProperty("NetworkSettings").GetProperty("SandboxKey").GetString() is { Length: > 0 }; i++)
            await Task.Delay(100);
        var parsed = Berth.Supervisor.Cli.CliArgs.Parse(["--network", "container:" + stopped, "busybox", "true"],
            Berth.Supervisor.Cli.CreateCommand.ValueFlags, Berth.Supervisor.Cli.CreateCommand.BoolFlags, stopAtPositional: true);
        var id = await Berth.Supervisor.Cli.CreateCommand.CreateAsync(_d.Client, parsed);

        var start = await _d.RefusalAsync(HttpMethod.Post, $"/containers/{id}/start");

        Assert.Equal(409, start.Status);
        Assert.Contains($"cannot join network of a non running container: {stopped}", start.Message);
    }

    private async Task<string> Addresses(string id)
    {
        var result = await Shell.RunAsync("nsenter", "--net=" + (await _d.InspectAsync(id)).GetProperty("NetworkSettings").GetProperty("SandboxKey").GetString(), "ip", "-4", "-o", "addr");
        return result.Stdout;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static async Task<string> ReadFromAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                using var reader = new StreamReader(client.GetStream());
                var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (!string.IsNullOrEmpty(line)) return line;
            }
            catch (Exception) when (attempt < 40)
            {
            }
            await Task.Delay(250);
        }
    }
}
