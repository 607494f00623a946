using System.Text.Json;
using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Api.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Xunit.Abstractions;

namespace Berth.Integration.Tests.Compat;

/// <summary>
/// Testcontainers for .NET driving a real berth daemon (issue #5): what a .NET developer's test
/// suite does against Docker, pointed at berth's socket, with network mode none. The daemon's
/// request log is printed with each test's output.
/// </summary>
public sealed class TestcontainersTests(TestImagesFixture images, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync()
    {
        foreach (var request in _daemon.Requests) output.WriteLine(request);
        await _daemon.DisposeAsync();
    }

    [Fact]
    public async Task A_container_waits_for_its_log_line_keeps_labels_and_env_and_is_gone_after_dispose()
    {
        var container = BerthEndpoint.Busybox(_daemon)
            .WithCommand("sh", "-c", "trap 'exit 0' TERM; echo ready; echo \"$GREETING\" >&2; sleep 300 & wait")
            .WithEnvironment("GREETING", "hello from berth")
            .WithLabel("suite", "compat")
            .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("ready"))
            .Build();
        string id;
        await using (container)
        {
            await container.StartAsync();
            id = container.Id;

            Assert.Equal(TestcontainersStates.Running, container.State);
            var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false);
            Assert.Equal("ready\n", stdout);
            Assert.Equal("hello from berth\n", stderr);
            var inspect = await InspectAsync(id);
            Assert.Equal("compat", inspect.GetProperty("Config").GetProperty("Labels").GetProperty("suite").GetString());
            Assert.Contains("GREETING=hello from berth", inspect.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("none", inspect.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
            // Testcontainers reads these from inspect: the times must parse, and "none" is a network with no address.
            Assert.Equal(ParseUtc(inspect.GetProperty("State").GetProperty("StartedAt").GetString()), container.StartedTime);
            Assert.InRange(DateTime.UtcNow - container.CreatedTime.ToUniversalTime(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
            Assert.Equal("", container.IpAddress);

            await container.StopAsync();
            Assert.Equal(TestcontainersStates.Exited, container.State);
            Assert.Equal(0, await container.GetExitCodeAsync());
        }

        Assert.DoesNotContain(id, await ListedIdsAsync());
        Assert.DoesNotContain(_daemon.Requests, r => r.StartsWith("POST /v1.44/images/create", StringComparison.Ordinal));
        Assert.Contains(_daemon.Requests, r => r.StartsWith($"DELETE /v1.44/containers/{id}?", StringComparison.Ordinal) && r.EndsWith("-> 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Name_hostname_workdir_and_entrypoint_reach_the_process_and_the_exit_code_is_reported()
    {
        var name = "tc-" + Guid.NewGuid().ToString("N")[..8];
        await using var container = BerthEndpoint.Busybox(_daemon)
            .WithName(name)
            .WithHostname("box")
            .WithWorkingDirectory("/tmp")
            .WithEntrypoint("sh", "-c")
            .WithCommand("trap 'exit 3' TERM; echo $(hostname) $(pwd); sleep 300 & wait")
            .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("box /tmp"))
            .Build();

        await container.StartAsync();
        await container.StopAsync();

        Assert.Equal("/" + name, container.Name);
        Assert.Equal(3, await container.GetExitCodeAsync());
        Assert.Equal(("box /tmp\n", ""), await container.GetLogsAsync(timestampsEnabled: false));
    }

    [Fact]
    public async Task An_auto_removed_container_disposes_cleanly_while_the_daemon_removes_it()
    {
        var container = BerthEndpoint.Busybox(_daemon)
            .WithAutoRemove(true)
            .WithCommand("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")
            .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
            .Build();
        await container.StartAsync();
        var id = container.Id;

        await container.StopAsync();
        // Dispose races the daemon's own removal: Testcontainers skips a container it last saw
        // "removing", and otherwise sends DELETE, accepting only a 404 or Docker's 409 "removal of
        // container <id> is already in progress" (RemovalInProgressTests pins that answer).
        await container.DisposeAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await ListedIdsAsync()).Contains(id)) await Task.Delay(100, timeout.Token);
    }

    [Fact]
    public async Task Pause_and_unpause_move_the_container_through_paused()
    {
        await using var container = BerthEndpoint.Busybox(_daemon)
            .WithCommand("sleep", "300")
            .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
            .Build();
        await container.StartAsync();

        await container.PauseAsync();
        Assert.Equal(TestcontainersStates.Paused, container.State);
        await container.UnpauseAsync();

        Assert.Equal(TestcontainersStates.Running, container.State);
    }

    [Fact]
    public async Task Bind_and_tmpfs_mounts_from_the_builder_are_mounted()
    {
        var dir = Directory.CreateTempSubdirectory("berth-tc-bind-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "greeting"), "from the host");
            await using var container = BerthEndpoint.Busybox(_daemon)
                .WithBindMount(dir, "/data", DotNet.Testcontainers.Configurations.AccessMode.ReadOnly)
                .WithTmpfsMount("/scratch")
                .WithCommand("sh", "-c", "cat /data/greeting; echo; grep ' /scratch ' /proc/mounts | cut -d' ' -f3; touch /data/x || echo read-only; sleep 300")
                .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("read-only"))
                .Build();

            await container.StartAsync();

            var (stdout, _) = await container.GetLogsAsync(timestampsEnabled: false);
            Assert.Equal("from the host\ntmpfs\nread-only\n", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_named_volume_from_the_volume_builder_is_mounted_and_removed_on_dispose()
    {
        var name = "tcvol-" + Guid.NewGuid().ToString("N")[..8];
        await using (var volume = new VolumeBuilder().WithDockerEndpoint(new Uri("unix://" + _daemon.SocketPath)).WithName(name).Build())
        {
            await volume.CreateAsync();
            await using var container = BerthEndpoint.Busybox(_daemon)
                .WithVolumeMount(volume, "/data")
                .WithCommand("sh", "-c", "echo kept > /data/file; cat /data/file; sleep 300")
                .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "none")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("kept"))
                .Build();
            await container.StartAsync();

            var mount = Assert.Single((await InspectAsync(container.Id)).GetProperty("Mounts").EnumerateArray());
            Assert.Equal(name, mount.GetProperty("Name").GetString());
            Assert.Equal("/data", mount.GetProperty("Destination").GetString());
            await container.DisposeAsync();
        }

        var missing = await Assert.ThrowsAsync<Berth.Supervisor.Cli.ApiException>(() => _daemon.Client.SendAsync(HttpMethod.Get, $"/volumes/{name}"));
        Assert.Equal(404, missing.Status);
    }

    private static DateTime ParseUtc(string? text) =>
        DateTime.Parse(text!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private Task<JsonElement> InspectAsync(string id) =>
        _daemon.Client.GetJsonAsync($"/containers/{id}/json", ApiJson.Default.JsonElement);

    private async Task<IReadOnlyList<string?>> ListedIdsAsync() =>
        [.. (await _daemon.Client.GetJsonAsync("/containers/json?all=1", ApiJson.Default.JsonElement)).EnumerateArray()
            .Select(row => row.GetProperty("Id").GetString())];
}
