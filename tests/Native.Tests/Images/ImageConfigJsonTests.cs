using System.Text;
using System.Text.Json;
using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Native.Tests.Images;

public sealed class ImageConfigJsonTests
{
    private const string DockerConfig = """
        {
          "architecture": "amd64", "os": "linux", "author": "berth",
          "created": "2024-05-06T07:08:09.123456789Z",
          "config": {
            "User": "app", "Env": ["PATH=/bin", "FOO=bar"],
            "Entrypoint": ["/bin/sh", "-c"], "Cmd": "echo legacy-string-form",
            "WorkingDir": "/app", "ExposedPorts": {"8080/tcp": {}, "53/udp": {}},
            "Volumes": {"/data": {}}, "Labels": {"a": "b"}, "StopSignal": "SIGUSR1",
            "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 30000000000, "Retries": 3},
            "OnBuild": null
          },
          "rootfs": {"type": "layers", "diff_ids": ["sha256:ff5eba71a8188ea1e1d463b58f6ad20fb3736ae6e2fe50bc84a5a2c672c95e35"]},
          "history": [{"created": "2024-05-06T07:08:09Z", "created_by": "/bin/sh -c #(nop) ADD", "empty_layer": false}]
        }
        """;

    [Fact]
    public void A_docker_image_config_parses_into_records()
    {
        var config = ImageJson.ParseConfig(Encoding.UTF8.GetBytes(DockerConfig));

        Assert.Equal(("amd64", "linux", "berth"), (config.Architecture, config.Os, config.Author));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567), config.Created);
        var run = config.Config!;
        Assert.Equal("app", run.User);
        Assert.Equal(["PATH=/bin", "FOO=bar"], run.Env);
        Assert.Equal(["/bin/sh", "-c"], run.Entrypoint);
        Assert.Equal(["echo legacy-string-form"], run.Cmd);
        Assert.Equal("/app", run.WorkingDir);
        Assert.Equal(["53/udp", "8080/tcp"], run.ExposedPorts);
        Assert.Equal(["/data"], run.Volumes);
        Assert.Equal("b", run.Labels!["a"]);
        Assert.Equal("SIGUSR1", run.StopSignal);
        Assert.Equal((30_000_000_000L, 3), (run.Healthcheck!.Interval, run.Healthcheck.Retries));
        Assert.Single(config.RootFs!.DiffIds!);
        Assert.Equal("/bin/sh -c #(nop) ADD", config.History![0].CreatedBy);
    }

    [Fact]
    public void Field_names_match_without_regard_to_case_as_in_go()
    {
        var config = ImageJson.ParseConfig("""{"Architecture":"arm64","config":{"cmd":["sh"]}}"""u8);

        Assert.Equal("arm64", config.Architecture);
        Assert.Equal(["sh"], config.Config!.Cmd);
    }

    [Fact]
    public void Port_and_volume_sets_are_written_back_as_objects()
    {
        var json = JsonSerializer.Serialize(new ImageRunConfig { ExposedPorts = ["8080/tcp"], Volumes = ["/data"] }, ImageJson.Options);

        Assert.Equal("""{"ExposedPorts":{"8080/tcp":{}},"Volumes":{"/data":{}}}""", json);
    }

    [Fact]
    public void Malformed_json_is_an_invalid_parameter()
    {
        var error = Assert.Throws<StorageException>(() => ImageJson.ParseConfig("{not json"u8));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
    }
}
