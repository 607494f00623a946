using System.Diagnostics;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Daemon;

/// <summary>berth driven by docker-py's low-level APIClient (Debian's python3-docker), as Python tooling does.</summary>
public sealed class DockerPyTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private const string Script = """
        import sys, docker
        c = docker.APIClient(base_url="unix://" + sys.argv[1])
        created = c.create_container("busybox", ["sh", "-c", "echo py-hello; sleep 1000"], name="py",
                                     host_config=c.create_host_config(network_mode="none"))
        c.start(created["Id"])
        assert any(x["Id"] == created["Id"] for x in c.containers()), "not listed"
        assert c.inspect_container("py")["State"]["Running"], "not running"
        import time
        for _ in range(50):
            if b"py-hello" in c.logs("py"): break
            time.sleep(0.1)
        assert c.logs("py") == b"py-hello\n", c.logs("py")
        assert c.top("py")["Processes"], "top is empty"
        c.stop("py", timeout=1)
        assert c.inspect_container("py")["State"]["Status"] == "exited"
        c.remove_container("py")
        assert c.containers(all=True) == [], "still listed"
        print("ok")
        """;

    [Fact]
    public async Task The_low_level_client_lists_inspects_logs_stops_and_removes()
    {
        var info = new ProcessStartInfo("python3", ["-c", Script, Path.Combine(_daemon.ExecRoot, "berth.sock")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"docker-py failed: {await stdout}{await stderr}");
        Assert.Equal("ok\n", await stdout);
    }
}
