using Berth.Integration.Tests.Attach;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Daemon;

/// <summary>
/// Networks, volumes and system prune driven by the real docker CLI (and <c>berth system prune</c>):
/// what a docker user types, what they see, and the exit codes. Every network gets its own /24 under
/// 10.250–254 and its own bridge name; disposal removes the containers, then the networks (their
/// bridges live on the host), then the daemon and its roots, even after a failure.
/// </summary>
public sealed class DockerCliNetworkVolumeTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private static int _subnet = Random.Shared.Next(0, 256);
    private readonly List<string> _networks = [];
    private DaemonHost _daemon = null!;
    private DockerCli _docker = null!;
    private string _work = "";

    public async Task InitializeAsync()
    {
        _daemon = await DaemonHost.StartAsync(images.DockerArchive);
        _work = Directory.CreateTempSubdirectory("berth-docker-netvol-").FullName;
        _docker = new DockerCli(_daemon.SocketPath, _work);
    }

    public async Task DisposeAsync()
    {
        try
        {
            var ids = (await _docker.RunAsync(["ps", "-aq"])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0) await _docker.RunAsync(["rm", "-f", .. ids]);
            // Networks the test already removed answer "not found" here; that is fine.
            foreach (var name in _networks) await _docker.RunAsync(["network", "rm", name]);
        }
        finally
        {
            await _daemon.DisposeAsync();
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary><c>docker network create</c> on a fresh /24 and bridge name; returns the subnet's "10.x.y" prefix.</summary>
    private async Task<string> CreateNetworkAsync(string name, params string[] extra)
    {
        _networks.Add(name);
        var prefix = $"10.{250 + Environment.ProcessId % 5}.{Interlocked.Increment(ref _subnet) % 256}";
        var bridge = "bt" + Guid.NewGuid().ToString("N")[..8];
        var id = (await _docker.OkAsync(["network", "create", "--subnet", prefix + ".0/24", "-o", "com.docker.network.bridge.name=" + bridge, .. extra, name])).Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        return prefix;
    }

    private async Task<string> IpOn(string container, string network) =>
        (await _docker.OkAsync("inspect", "-f", $"{{{{(index .NetworkSettings.Networks \"{network}\").IPAddress}}}}", container)).Trim();

    private async Task<string[]> Lines(params string[] args) =>
        (await _docker.OkAsync(args)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Network_create_ls_inspect_connect_disconnect_rm_and_prune_answer_like_docker()
    {
        var front = await CreateNetworkAsync("front", "--label", "tier=web");
        var back = await CreateNetworkAsync("back");

        Assert.Superset(new HashSet<string> { "bridge", "host", "none", "front", "back" }, (await Lines("network", "ls", "--format", "{{.Name}}")).ToHashSet());
        Assert.Equal($"{front}.0/24 bridge web",
            (await _docker.OkAsync("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}} {{.Driver}} {{index .Labels \"tier\"}}", "front")).Trim());

        var frontId = (await _docker.OkAsync("network", "inspect", "-f", "{{.Id}}", "front")).Trim();
        Assert.Equal(new[] { frontId[..12] }, await Lines("network", "ls", "-q", "--filter", "label=tier=web"));
        Assert.Equal(new[] { "front" }, await Lines("network", "ls", "--filter", "name=ron", "--format", "{{.Name}}"));
        Assert.Equal(new[] { "back", "front" }, (await Lines("network", "ls", "--filter", "type=custom", "--format", "{{.Name}}")).Order());
        Assert.Equal(new[] { "bridge", "host", "none" }, (await Lines("network", "ls", "--filter", "type=builtin", "--format", "{{.Name}}")).Order());
        var badFilter = await _docker.RunAsync(["network", "ls", "--filter", "color=red"]);
        Assert.Equal(1, badFilter.ExitCode);
        Assert.Contains("invalid filter 'color'", badFilter.Stderr);

        await _docker.OkAsync("run", "-d", "--name", "web", "--network", "front", "busybox", "sleep", "300");
        Assert.Equal(new[] { "back" }, await Lines("network", "ls", "--filter", "dangling=true", "--format", "{{.Name}}"));
        await _docker.OkAsync("network", "connect", "back", "web");
        Assert.StartsWith(back + ".", await IpOn("web", "back"));
        Assert.Equal("web", (await _docker.OkAsync("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "back")).Trim());

        var busy = await _docker.RunAsync(["network", "rm", "back"]);
        Assert.Equal(1, busy.ExitCode);
        Assert.Contains("has active endpoints", busy.Stderr);

        await _docker.OkAsync("network", "disconnect", "back", "web");
        Assert.Equal("front", (await _docker.OkAsync("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", "web")).Trim());
        Assert.Equal("back\n", await _docker.OkAsync("network", "rm", "back"));
        Assert.DoesNotContain("back", await Lines("network", "ls", "--format", "{{.Name}}"));

        var unknown = await _docker.RunAsync(["network", "rm", "unknown"]);
        Assert.Equal(1, unknown.ExitCode);
        // The second line is docker's own: network rm reports its status as an error too.
        Assert.Equal("Error response from daemon: network unknown not found\nexit status 1\n", unknown.Stderr);

        // front is in use (web) or filtered out below; spare is unused and matches, so only spare goes first.
        await CreateNetworkAsync("spare", "--label", "tier=db");
        Assert.Equal("Deleted Networks:\nspare\n\n", await _docker.OkAsync("network", "prune", "-f", "--filter", "label=tier=db"));
        await _docker.OkAsync("rm", "-f", "web");
        Assert.Equal("", await _docker.OkAsync("network", "prune", "-f", "--filter", "label!=tier=web"));
        Assert.Equal("", await _docker.OkAsync("network", "prune", "-f", "--filter", "until=2000-01-01T00:00:00Z"));
        Assert.Contains("front", await Lines("network", "ls", "--format", "{{.Name}}"));
        Assert.Equal("Deleted Networks:\nfront\n\n", await _docker.OkAsync("network", "prune", "-f"));
        var refused = await _docker.RunAsync(["network", "prune", "-f", "--filter", "dangling=true"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("invalid filter 'dangling'", refused.Stderr);
    }

    [Fact]
    public async Task A_container_on_a_user_network_reaches_another_by_name()
    {
        await CreateNetworkAsync("mesh");
        await _docker.OkAsync("run", "-d", "--name", "other", "--network", "mesh", "busybox", "sleep", "300");
        var ip = await IpOn("other", "mesh");

        var ping = await _docker.RunAsync(["run", "--name", "caller", "--network", "mesh", "busybox", "ping", "-c1", "-W2", "other"]);

        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
        Assert.Contains($"PING other ({ip})", ping.Stdout);
        Assert.Contains("1 packets received", ping.Stdout);
    }

    [Fact]
    public async Task Volume_create_ls_inspect_rm_and_a_named_volume_carries_a_file_between_containers()
    {
        Assert.Equal("data\n", await _docker.OkAsync("volume", "create", "--label", "keep=yes", "data"));
        Assert.Contains("data", await Lines("volume", "ls", "--format", "{{.Name}}"));
        var inspect = (await _docker.OkAsync("volume", "inspect", "-f", "{{.Driver}} {{.Labels.keep}} {{.Mountpoint}}", "data")).Trim().Split(' ');
        Assert.Equal(new[] { "local", "yes" }, inspect[..2]);
        Assert.StartsWith(_daemon.DataRoot, inspect[2]);

        await _docker.OkAsync("run", "--name", "writer", "--network", "none", "-v", "data:/data", "busybox", "sh", "-c", "echo from-writer > /data/note");
        Assert.Equal("from-writer\n", await _docker.OkAsync("run", "--name", "reader", "--network", "none", "-v", "data:/data:ro", "busybox", "cat", "/data/note"));

        var inUse = await _docker.RunAsync(["volume", "rm", "data"]);
        Assert.Equal(1, inUse.ExitCode);
        Assert.Contains("volume is in use", inUse.Stderr);
        await _docker.OkAsync("rm", "writer", "reader");
        Assert.Equal("data\n", await _docker.OkAsync("volume", "rm", "data"));
        Assert.DoesNotContain("data", await Lines("volume", "ls", "-q"));

        var unknown = await _docker.RunAsync(["volume", "rm", "unknown"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("Error response from daemon: get unknown: no such volume\n", unknown.Stderr);
    }

    [Fact]
    public async Task Volume_prune_removes_unused_anonymous_volumes_and_with_all_the_named_ones_its_filter_picks()
    {
        await _docker.OkAsync("create", "--name", "scratchy", "--network", "none", "-v", "/scratch", "busybox", "true");
        var anonymous = (await _docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "scratchy")).Trim();
        await _docker.OkAsync("volume", "create", "kept");
        await _docker.OkAsync("volume", "create", "--label", "drop=1", "dropped");

        Assert.Equal("Total reclaimed space: 0B\n", await _docker.OkAsync("volume", "prune", "-f"));
        await _docker.OkAsync("rm", "scratchy");
        var pruned = await _docker.OkAsync("volume", "prune", "-f");
        var named = await _docker.OkAsync("volume", "prune", "-af", "--filter", "label=drop=1");

        Assert.StartsWith($"Deleted Volumes:\n{anonymous}\n\nTotal reclaimed space: ", pruned);
        Assert.StartsWith("Deleted Volumes:\ndropped\n\nTotal reclaimed space: ", named);
        Assert.Equal(new[] { "kept" }, await Lines("volume", "ls", "-q"));
    }

    [Fact]
    public async Task Docker_system_prune_removes_stopped_containers_and_unused_networks_and_keeps_what_is_in_use()
    {
        await CreateNetworkAsync("idle");
        await CreateNetworkAsync("busy");
        var keeper = (await _docker.OkAsync("run", "-d", "--name", "keeper", "--network", "busy", "busybox", "sleep", "300")).Trim();
        await _docker.OkAsync("run", "--name", "finished", "--network", "none", "busybox", "true");
        var finished = (await _docker.OkAsync("inspect", "-f", "{{.Id}}", "finished")).Trim();

        var output = await _docker.OkAsync("system", "prune", "-f");

        Assert.StartsWith($"Deleted Containers:\n{finished}\n\nDeleted Networks:\nidle\n\nTotal reclaimed space: ", output);
        Assert.Equal(new[] { keeper }, await Lines("ps", "-aq", "--no-trunc"));
        var networks = await Lines("network", "ls", "--format", "{{.Name}}");
        Assert.Contains("busy", networks);
        Assert.DoesNotContain("idle", networks);
        // docker 28 ends with the build cache: berth must answer it, not 404 the whole command.
        Assert.Contains(_daemon.Requests, r => r.StartsWith("POST /v", StringComparison.Ordinal) && r.Contains("/build/prune") && r.EndsWith("-> 200"));
    }

    [Fact]
    public async Task Berth_volume_prune_asks_first_and_honours_its_label_filter()
    {
        await _docker.OkAsync("volume", "create", "--label", "drop=1", "scratch");
        await _docker.OkAsync("volume", "create", "keep");

        var declined = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["volume", "prune", "-a"], stdin: "n\n");
        var pruned = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["volume", "prune", "-af", "--filter", "label=drop=1"]);

        Assert.Equal("WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.StartsWith("Deleted Volumes:\nscratch\n\nTotal reclaimed space: ", pruned.Stdout);
        Assert.Equal(new[] { "keep" }, await Lines("volume", "ls", "-q"));
    }

    [Fact]
    public async Task Berth_system_prune_follows_its_filter_then_with_volumes_takes_anonymous_volumes_too()
    {
        await CreateNetworkAsync("swept", "--label", "sweep=1");
        await CreateNetworkAsync("left");
        await _docker.OkAsync("create", "--name", "marked", "--network", "none", "--label", "sweep=1", "busybox", "true");
        await _docker.OkAsync("create", "--name", "plain", "--network", "none", "-v", "/scratch", "busybox", "true");
        var marked = (await _docker.OkAsync("inspect", "-f", "{{.Id}}", "marked")).Trim();
        var plain = (await _docker.OkAsync("inspect", "-f", "{{.Id}}", "plain")).Trim();
        var anonymous = (await _docker.OkAsync("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "plain")).Trim();

        var nothing = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["network", "prune", "-f", "--filter", "label=nomatch"]);
        var filtered = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["system", "prune", "-f", "--filter", "label=sweep=1"]);
        var refused = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["system", "prune", "--volumes", "--filter", "until=1h"]);
        var confirmed = await ClientProcess.RunAsync(_daemon.SocketPath, ClientProcess.Berth, ["system", "prune", "--volumes"], stdin: "y\n");

        Assert.Equal((0, ""), (nothing.ExitCode, nothing.Stdout));
        Assert.Equal(0, filtered.ExitCode);
        Assert.StartsWith($"Deleted Containers:\n{marked}\n\nDeleted Networks:\nswept\n\nTotal reclaimed space: ", filtered.Stdout);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("ERROR: The \"until\" filter is not supported with \"--volumes\"\n", refused.Stderr);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.StartsWith("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n" +
            "  - all anonymous volumes not used by at least one container\n  - all dangling images\n  - unused build cache\n\n" +
            "Are you sure you want to continue? [y/N] " +
            $"Deleted Containers:\n{plain}\n\nDeleted Networks:\nleft\n\nDeleted Volumes:\n{anonymous}\n\nTotal reclaimed space: ", confirmed.Stdout);
        Assert.Equal("", (await _docker.OkAsync("ps", "-aq")).Trim());
        Assert.Equal(new[] { "bridge", "host", "none" }, (await Lines("network", "ls", "--format", "{{.Name}}")).Order());
        Assert.Equal("", (await _docker.OkAsync("volume", "ls", "-q")).Trim());
    }
}
