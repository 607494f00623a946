using System.Text.Json;
using Berth.Integration.Tests.Daemon;
using Berth.Integration.Tests.Storage;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Integration.Tests.Spec;

/// <summary>Named and anonymous volumes through the daemon: copy-up, persistence, the volume routes and inspect's Mounts.</summary>
public sealed class VolumeTests(TestImagesFixture images) : IAsyncLifetime, IClassFixture<TestImagesFixture>
{
    private DaemonHost _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonHost.StartAsync(images.DockerArchive);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private string DataDir(string name) => Path.Combine(_daemon.DataRoot, "volumes", name, "_data");

    [Fact]
    public async Task A_new_named_volume_is_filled_from_the_image_and_keeps_what_a_container_wrote()
    {
        var (exit, output) = await _daemon.RunToEndAsync("-v", "appdata:/opt/data", "-v", "apphome:/home/app", "busybox", "sh", "-c",
            "ls /opt/data; stat -c %u /home/app; echo kept > /opt/data/mine");
        var (_, second) = await _daemon.RunToEndAsync("-v", "appdata:/srv", "busybox", "cat", "/srv/mine", "/srv/old1");

        Assert.Equal(0, exit);
        Assert.Equal("old1\nold2\n1000\n", output);
        Assert.Equal("kept\nold1\n", second);
        Assert.Equal("kept\n", await File.ReadAllTextAsync(Path.Combine(DataDir("appdata"), "mine")));
    }

    [Fact]
    public async Task A_volume_in_use_cannot_be_removed_until_its_container_is()
    {
        var id = await _daemon.CreateAsync("-v", "held:/data", "busybox", "true");
        var volume = await _daemon.Client.GetJsonAsync("/volumes/held", ApiJson.Default.JsonElement);
        Assert.Equal(DataDir("held"), volume.GetProperty("Mountpoint").GetString());
        Assert.Equal("local", volume.GetProperty("Driver").GetString());

        var busy = await Assert.ThrowsAsync<ApiException>(() => _daemon.Client.DeleteAsync("/volumes/held"));
        Assert.Equal(409, busy.Status);
        Assert.Contains("volume is in use", busy.Message);

        await _daemon.Client.DeleteAsync($"/containers/{id}");
        await _daemon.Client.DeleteAsync("/volumes/held");
        var gone = await Assert.ThrowsAsync<ApiException>(() => _daemon.Client.GetJsonAsync("/volumes/held", ApiJson.Default.JsonElement));
        Assert.Equal(404, gone.Status);
        Assert.False(Directory.Exists(DataDir("held")));
    }

    [Fact]
    public async Task Volumes_are_created_listed_and_pruned_through_the_api()
    {
        using var body = new StringContent("""{"Name": "made", "Labels": {"team": "infra"}}""", System.Text.Encoding.UTF8, "application/json");
        var created = await _daemon.Client.PostJsonAsync("/volumes/create", body, ApiJson.Default.ApiVolume);
        var anonymousUser = await _daemon.CreateAsync("-v", "/scratch", "busybox", "true");
        await _daemon.Client.DeleteAsync($"/containers/{anonymousUser}");

        var list = await _daemon.Client.GetJsonAsync("/volumes", ApiJson.Default.ApiVolumeList);
        var pruned = await _daemon.Client.PostJsonAsync("/volumes/prune", null, ApiJson.Default.ApiVolumePrune);
        var after = await _daemon.Client.GetJsonAsync("/volumes", ApiJson.Default.ApiVolumeList);

        Assert.Equal("infra", created.Labels["team"]);
        Assert.Equal(2, list.Volumes.Count);
        var anonymous = Assert.Single(pruned.VolumesDeleted);
        Assert.Equal(64, anonymous.Length);
        Assert.Equal(["made"], after.Volumes.Select(v => v.Name));
        var bad = await Assert.ThrowsAsync<ApiException>(() =>
            _daemon.Client.PostJsonAsync("/volumes/create", new StringContent("""{"Name": "a/b"}"""), ApiJson.Default.ApiVolume));
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Remove_with_v_takes_the_anonymous_volumes_with_the_container()
    {
        var id = await _daemon.CreateAsync("-v", "/cache", "-v", "named:/named", "busybox", "true");
        var mounts = (await _daemon.InspectAsync(id)).GetProperty("Mounts").EnumerateArray().ToList();
        var anonymous = mounts.Single(m => m.GetProperty("Destination").GetString() == "/cache").GetProperty("Name").GetString()!;

        await _daemon.Client.DeleteAsync($"/containers/{id}?v=1");

        for (var i = 0; i < 50 && Directory.Exists(DataDir(anonymous)); i++) await Task.Delay(50);
        Assert.False(Directory.Exists(DataDir(anonymous)));
        Assert.True(Directory.Exists(DataDir("named")));
    }

    [Fact]
    public async Task An_image_VOLUME_and_a_Config_Volumes_path_become_anonymous_volumes_as_docker_makes_them()
    {
        var fromImage = await _daemon.CreateAsync("berth-test/app:1");
        // What the docker CLI sends for `docker run -v /scratch busybox true`.
        using var body = new StringContent("""{"Image": "busybox", "Cmd": ["true"], "Volumes": {"/scratch": {}}}""",
            System.Text.Encoding.UTF8, "application/json");
        var fromApi = (await _daemon.Client.PostJsonAsync("/containers/create", body, ApiJson.Default.ApiCreateResponse)).Id;

        var imageMount = Assert.Single((await _daemon.InspectAsync(fromImage)).GetProperty("Mounts").EnumerateArray());
        var apiMount = Assert.Single((await _daemon.InspectAsync(fromApi)).GetProperty("Mounts").EnumerateArray());
        var volumes = (await _daemon.Client.GetJsonAsync("/volumes", ApiJson.Default.ApiVolumeList)).Volumes.Select(v => v.Name).ToList();

        Assert.Equal(("volume", "/data"), (imageMount.GetProperty("Type").GetString(), imageMount.GetProperty("Destination").GetString()));
        Assert.Equal(("volume", "/scratch"), (apiMount.GetProperty("Type").GetString(), apiMount.GetProperty("Destination").GetString()));
        Assert.Equivalent(new[] { imageMount.GetProperty("Name").GetString(), apiMount.GetProperty("Name").GetString() }, volumes);
        Assert.Equal(0, await _daemon.WaitAsync(await StartAsync(fromApi)));
        Assert.True(Directory.Exists(DataDir(apiMount.GetProperty("Name").GetString()!)));
    }

    private async Task<string> StartAsync(string id)
    {
        await _daemon.Client.PostAsync($"/containers/{id}/start");
        return id;
    }

    [Fact]
    public async Task Inspect_lists_mounts_in_dockers_shape()
    {
        var host = Path.Combine("/tmp", "bm" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var id = await _daemon.CreateAsync("-v", host + ":/h:ro", "-v", "vol:/v", "--tmpfs", "/t", "busybox", "true");
            var mounts = (await _daemon.InspectAsync(id)).GetProperty("Mounts").EnumerateArray()
                .ToDictionary(m => m.GetProperty("Destination").GetString()!);

            Assert.Equal(("bind", host, false), (mounts["/h"].GetProperty("Type").GetString(), mounts["/h"].GetProperty("Source").GetString(), mounts["/h"].GetProperty("RW").GetBoolean()));
            Assert.Equal("ro", mounts["/h"].GetProperty("Mode").GetString());
            Assert.Equal(("volume", "vol", "local", true), (mounts["/v"].GetProperty("Type").GetString(), mounts["/v"].GetProperty("Name").GetString(),
                mounts["/v"].GetProperty("Driver").GetString(), mounts["/v"].GetProperty("RW").GetBoolean()));
            Assert.Equal(DataDir("vol"), mounts["/v"].GetProperty("Source").GetString());
            Assert.Equal("tmpfs", mounts["/t"].GetProperty("Type").GetString());
        }
        finally
        {
            if (Directory.Exists(host)) Directory.Delete(host, recursive: true);
        }
    }
}
