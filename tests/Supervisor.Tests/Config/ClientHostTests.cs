using Berth.Supervisor.Config;

namespace Berth.Supervisor.Tests.Config;

/// <summary>How client verbs pick the daemon socket: flag, then BERTH_HOST, then DOCKER_HOST, then the default.</summary>
public sealed class ClientHostTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_flag_or_environment_the_default_socket_is_used()
    {
        var path = ClientHost.ResolveSocketPath(["ps", "-a"], Env(), out var rest);

        Assert.Equal("/run/berth/berth.sock", path);
        Assert.Equal(["ps", "-a"], rest);
    }

    [Fact]
    public void Berth_host_beats_docker_host()
    {
        var env = Env(("BERTH_HOST", "unix:///tmp/berth.sock"), ("DOCKER_HOST", "unix:///tmp/docker.sock"));

        var path = ClientHost.ResolveSocketPath(["ps"], env, out _);

        Assert.Equal("/tmp/berth.sock", path);
    }

    [Fact]
    public void Docker_host_is_used_when_berth_host_is_unset_or_empty()
    {
        var env = Env(("BERTH_HOST", ""), ("DOCKER_HOST", "unix:///tmp/docker.sock"));

        var path = ClientHost.ResolveSocketPath(["ps"], env, out _);

        Assert.Equal("/tmp/docker.sock", path);
    }

    [Theory]
    [InlineData("-H", "unix:///tmp/flag.sock")]
    [InlineData("--host", "unix:///tmp/flag.sock")]
    public void The_host_flag_beats_both_variables_and_is_removed_from_the_rest(string flag, string value)
    {
        var env = Env(("BERTH_HOST", "unix:///tmp/berth.sock"), ("DOCKER_HOST", "unix:///tmp/docker.sock"));

        var path = ClientHost.ResolveSocketPath(["ps", flag, value, "-a"], env, out var rest);

        Assert.Equal("/tmp/flag.sock", path);
        Assert.Equal(["ps", "-a"], rest);
    }

    [Theory]
    [InlineData("--host=unix:///tmp/flag.sock")]
    [InlineData("-H=unix:///tmp/flag.sock")]
    public void The_inline_host_flag_form_is_accepted(string arg)
    {
        var path = ClientHost.ResolveSocketPath([arg, "ps"], Env(), out var rest);

        Assert.Equal("/tmp/flag.sock", path);
        Assert.Equal(["ps"], rest);
    }

    [Fact]
    public void Arguments_after_a_double_dash_are_left_alone()
    {
        var path = ClientHost.ResolveSocketPath(["exec", "c1", "--", "curl", "-H", "Accept: x"], Env(), out var rest);

        Assert.Equal("/run/berth/berth.sock", path);
        Assert.Equal(["exec", "c1", "--", "curl", "-H", "Accept: x"], rest);
    }

    [Fact]
    public void A_tcp_host_flag_is_rejected_saying_only_unix_sockets_are_supported()
    {
        var error = Assert.Throws<SettingsException>(() => ClientHost.ResolveSocketPath(["-H", "tcp://10.0.0.1:2375", "ps"], Env(), out _));

        Assert.Contains("only unix sockets are supported", error.Message);
    }

    [Fact]
    public void A_tcp_docker_host_is_rejected_naming_the_variable()
    {
        var error = Assert.Throws<SettingsException>(() => ClientHost.ResolveSocketPath(["ps"], Env(("DOCKER_HOST", "tcp://10.0.0.1:2375")), out _));

        Assert.Equal("DOCKER_HOST", error.Subject);
        Assert.Contains("DOCKER_HOST", error.Message);
    }

    [Fact]
    public void A_host_flag_without_a_value_is_rejected()
    {
        var error = Assert.Throws<SettingsException>(() => ClientHost.ResolveSocketPath(["ps", "--host"], Env(), out _));

        Assert.Equal("--host", error.Subject);
    }
}
