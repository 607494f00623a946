using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class TaskPathsTests
{
    private static readonly RuntimeSettings Settings = new("/run/berth", "/var/lib/berth", "/usr/bin/conmon", new Dictionary<string, string>(), "crun");

    [Fact]
    public void The_bundle_is_under_the_exec_root_and_the_log_under_the_data_root()
    {
        var paths = TaskPaths.For(Settings, "abc123");

        Assert.Equal("/run/berth/containers/abc123", paths.BundleDir);
        Assert.Equal("/run/berth/containers/abc123/config.json", paths.ConfigFile);
        Assert.Equal("/run/berth/containers/abc123/exit", paths.ExitFile);
        Assert.Equal("/var/lib/berth/containers/abc123/container.log", paths.LogFile);
        Assert.Equal("/run/berth/runtime/runc", Settings.RuntimeStateRoot("runc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("-rf")]
    public void Ids_that_could_escape_a_path_or_pass_as_an_option_are_refused(string id)
    {
        var error = Assert.Throws<RuntimeException>(() => TaskPaths.For(Settings, id));

        Assert.Equal(RuntimeErrorKind.InvalidArgument, error.Kind);
    }
}
