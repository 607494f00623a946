using Berth.Actors.Images;
using Berth.Journal.Model;
using Berth.Native.Images;

namespace Berth.Actors.Tests.Images;

public sealed class ConfigMergeTests
{
    private static readonly ImageRunConfig Image = new()
    {
        User = "app", Env = ["PATH=/bin", "FOO=image"], Cmd = ["echo", "from-image"], Entrypoint = ["/bin/sh", "-c"],
        WorkingDir = "/srv", ExposedPorts = ["8080/tcp"], Volumes = ["/data"], Labels = new Dictionary<string, string> { ["a"] = "image", ["b"] = "image" },
        StopSignal = "SIGUSR1",
    };

    [Fact]
    public void An_empty_user_config_takes_every_default_of_the_image()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig(), Image);

        Assert.Equal("app", merged.User);
        Assert.Equal(["PATH=/bin", "FOO=image"], merged.Env);
        Assert.Equal(["echo", "from-image"], merged.Cmd);
        Assert.Equal(["/bin/sh", "-c"], merged.Entrypoint);
        Assert.Equal("/srv", merged.WorkingDir);
        Assert.Equal("SIGUSR1", merged.StopSignal);
        Assert.Equal(["8080/tcp"], merged.ExposedPorts);
    }

    [Fact]
    public void The_users_env_wins_per_key_and_the_images_other_keys_are_appended()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig { Env = ["FOO=user", "X=1"] }, Image);

        Assert.Equal(["FOO=user", "X=1", "PATH=/bin"], merged.Env);
    }

    [Fact]
    public void A_user_cmd_replaces_the_images_cmd_but_keeps_its_entrypoint()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig { Cmd = ["echo", "mine"] }, Image);

        Assert.Equal(["echo", "mine"], merged.Cmd);
        Assert.Equal(["/bin/sh", "-c"], merged.Entrypoint);
    }

    [Fact]
    public void A_user_entrypoint_drops_the_images_cmd()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig { Entrypoint = ["/bin/true"] }, Image);

        Assert.Equal(["/bin/true"], merged.Entrypoint);
        Assert.Null(merged.Cmd);
    }

    [Fact]
    public void An_explicitly_empty_entrypoint_clears_the_images_and_keeps_its_cmd()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig { Entrypoint = [] }, Image);

        Assert.Empty(merged.Entrypoint!);
        Assert.Equal(["echo", "from-image"], merged.Cmd);
    }

    [Fact]
    public void Labels_ports_and_volumes_are_unions_with_the_users_values_winning()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig
        {
            Labels = new Dictionary<string, string> { ["a"] = "user" }, ExposedPorts = ["80/tcp"], Volumes = ["/logs"],
        }, Image);

        Assert.Equal("user", merged.Labels!["a"]);
        Assert.Equal("image", merged.Labels!["b"]);
        Assert.Equal(["80/tcp", "8080/tcp"], merged.ExposedPorts);
        Assert.Equal(["/logs", "/data"], merged.Volumes);
    }
}
