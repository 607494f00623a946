using System.Formats.Tar;
using Berth.Integration.Tests.Storage;

namespace Berth.Integration.Tests.Daemon;

/// <summary>berth driven by the real docker CLI: what a docker user types, and what they see.</summary>
public sealed class DockerCliTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;
    private DockerCli _docker = null!;
    private string _work = "";

    public async Task InitializeAsync()
    {
        _daemon = await DaemonHost.StartAsync(images.DockerArchive);
        _work = Directory.CreateTempSubdirectory("berth-docker-cli-").FullName;
        _docker = new DockerCli(Path.Combine(_daemon.ExecRoot, "berth.sock"), _work);
    }

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<string> Sleeper(string name, params string[] extra) =>
        (await _docker.OkAsync(["create", "--name", name, "--network", "none", .. extra, "busybox", "sleep", "1000"])).Trim();

    [Fact]
    public async Task Version_info_images_and_the_lifecycle_verbs_work()
    {
        Assert.Contains("API version:", await _docker.OkAsync("version"));
        Assert.Contains("Containers:", await _docker.OkAsync("info"));
        Assert.Contains("busybox", await _docker.OkAsync("images"));
        var id = await Sleeper("web", "--label", "tier=front");
        await _docker.OkAsync("start", "web");
        Assert.Equal("running", (await _docker.OkAsync("inspect", "-f", "{{.State.Status}}", "web")).Trim());

        await _docker.OkAsync("rename", "web", "site");
        await _docker.OkAsync("pause", "site");
        Assert.Equal("paused", (await _docker.OkAsync("inspect", "-f", "{{.State.Status}}", "site")).Trim());
        await _docker.OkAsync("unpause", "site");
        await _docker.OkAsync("restart", "-t", "1", "site");
        await _docker.OkAsync("kill", "site");
        Assert.Equal("137", (await _docker.OkAsync("wait", "site")).Trim());
        await _docker.OkAsync("start", "site");
        await _docker.OkAsync("stop", "-t", "1", "site");

        Assert.Contains(id[..12], await _docker.OkAsync("ps", "-a", "--filter", "label=tier=front", "--filter", "status=exited"));
        Assert.DoesNotContain(id[..12], await _docker.OkAsync("ps", "-a", "--filter", "label=tier=back"));
        Assert.Contains("site", await _docker.OkAsync("ps", "-a", "--filter", "name=sit", "--filter", "ancestor=busybox", "--format", "{{.Names}}"));

        await _docker.OkAsync("create", "--name", "talker", "--network", "none", "busybox", "sh", "-c", "echo one; sleep 1; echo two");
        await _docker.OkAsync("start", "talker");
        Assert.Equal("one\ntwo\n", await _docker.OkAsync("logs", "-f", "talker"));
        Assert.Contains("talker", await _docker.OkAsync("ps", "-a", "--filter", "exited=0", "--format", "{{.Names}}"));

        await _docker.OkAsync("rm", "-f", "site", "talker");
        Assert.Equal("", (await _docker.OkAsync("ps", "-aq")).Trim());
    }

    [Fact]
    public async Task Cp_goes_both_ways_on_running_and_stopped_containers()
    {
        await Sleeper("box");
        await _docker.OkAsync("start", "box");
        var local = Path.Join(_work, "note.txt");
        await File.WriteAllTextAsync(local, "from the host\n");

        await _docker.OkAsync("cp", local, "box:/tmp/");
        await _docker.OkAsync("cp", "box:/tmp/note.txt", Path.Join(_work, "back.txt"));
        Assert.Equal("from the host\n", await File.ReadAllTextAsync(Path.Join(_work, "back.txt")));

        await _docker.OkAsync("stop", "-t", "1", "box");
        Directory.CreateDirectory(Path.Join(_work, "out"));
        await _docker.OkAsync("cp", "box:/etc", Path.Join(_work, "out"));
        Assert.True(File.Exists(Path.Join(_work, "out", "etc", "passwd")));

        var tar = await _docker.RunAsync(["cp", "box:/tmp/note.txt", "-"]);
        Assert.Equal(0, tar.ExitCode);
        Assert.Contains("note.txt", tar.Stdout);
        var missing = await _docker.RunAsync(["cp", "box:/nope", _work]);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Could not find the file /nope in container box", missing.Stderr);
        Assert.DoesNotContain(Path.Join(_daemon.DataRoot, "overlay"), await File.ReadAllTextAsync("/proc/self/mountinfo"));
    }

    [Fact]
    public async Task Cp_never_follows_a_container_symlink_out_to_the_host()
    {
        var hostDir = Directory.CreateTempSubdirectory("berth-host-side-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Join(hostDir, "secret"), "host only\n");
            await _docker.OkAsync("create", "--name", "trap", "--network", "none", "busybox", "sh", "-c",
                $"ln -s {hostDir}/secret /tmp/leak; ln -s {hostDir} /tmp/door; sleep 1000");
            await _docker.OkAsync("start", "trap");
            await Task.Delay(500);

            var read = await _docker.RunAsync(["cp", "-L", "trap:/tmp/leak", "-"]);
            Assert.DoesNotContain("host only", read.Stdout);

            var stream = new MemoryStream();
            await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "planted") { DataStream = new MemoryStream("x"u8.ToArray()) };
                await writer.WriteEntryAsync(entry);
            }
            await _docker.RunAsync(["cp", "-", "trap:/tmp/door/"], stream.ToArray());
            Assert.False(File.Exists(Path.Join(hostDir, "planted")));
        }
        finally { Directory.Delete(hostDir, recursive: true); }
    }

    [Fact]
    public async Task Top_stats_diff_and_export_show_the_container()
    {
        await Sleeper("busy");
        await _docker.OkAsync("start", "busy");

        var top = await _docker.OkAsync("top", "busy");
        Assert.Contains("PID", top);
        Assert.Contains("sleep 1000", top);
        Assert.Contains("COMMAND", await _docker.OkAsync("top", "busy", "aux"));

        var stats = await _docker.OkAsync("stats", "--no-stream", "busy");
        Assert.Contains("busy", stats);
        Assert.Matches(@"\d+(\.\d+)?[KMG]iB / ", stats);

        await File.WriteAllTextAsync(Path.Join(_work, "added.txt"), "new\n");
        await _docker.OkAsync("cp", Path.Join(_work, "added.txt"), "busy:/etc/");
        var diff = await _docker.OkAsync("diff", "busy");
        Assert.Contains("C /etc", diff);
        Assert.Contains("A /etc/added.txt", diff);

        var exported = Path.Join(_work, "fs.tar");
        await _docker.OkAsync("export", "-o", exported, "busy");
        var names = new List<string>();
        await using (var file = File.OpenRead(exported))
        await using (var reader = new TarReader(file))
            while (await reader.GetNextEntryAsync() is { } entry) names.Add(entry.Name);
        Assert.Contains("etc/added.txt", names);
        Assert.Contains("bin/busybox", names);
    }

    [Fact]
    public async Task Prune_system_df_and_image_history_answer_like_docker()
    {
        var gone = await Sleeper("stopped-one");
        var kept = await Sleeper("running-one");
        await _docker.OkAsync("start", "running-one");

        var df = await _docker.OkAsync("system", "df");
        Assert.Contains("Images", df);
        Assert.Contains("Containers", df);
        Assert.Contains("CREATED BY", await _docker.OkAsync("image", "history", "busybox"));

        var prune = await _docker.OkAsync("container", "prune", "-f");
        Assert.Contains(gone, prune);
        Assert.Contains("Total reclaimed space", prune);
        var left = await _docker.OkAsync("ps", "-aq", "--no-trunc");
        Assert.Contains(kept, left);
        Assert.DoesNotContain(gone, left);

        var pull = await _docker.RunAsync(["pull", "nosuch/image:1"]);
        Assert.NotEqual(0, pull.ExitCode);
    }
}
