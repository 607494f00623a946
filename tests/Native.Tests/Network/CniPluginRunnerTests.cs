using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class CniPluginRunnerTests : IDisposable
{
    private static readonly CniAttachmentArgs Args = new("c0ffee", "/run/berth/netns/c0ffee", "eth0");
    private readonly FakePlugins _plugins = new();

    public void Dispose() => _plugins.Dispose();

    private CniPluginRunner Runner(TimeSpan? timeout = null) => new(_plugins.Dir, timeout ?? TimeSpan.FromSeconds(10));

    private static JsonObject Config(string type) => new() { ["cniVersion"] = "1.0.0", ["name"] = "net", ["type"] = type };

    [Fact]
    public async Task The_parameters_arrive_in_CNI_variables_and_the_config_on_stdin()
    {
        _plugins.Add("echo", """
            stdin=$(cat)
            printf '{"command":"%s","id":"%s","netns":"%s","ifname":"%s","path":"%s","stdin":%s}' \
              "$CNI_COMMAND" "$CNI_CONTAINERID" "$CNI_NETNS" "$CNI_IFNAME" "$CNI_PATH" "$stdin"
            """);

        var result = await Runner().ExecAsync(CniCommand.Add, Args, Config("echo"), CancellationToken.None);

        Assert.Equal("ADD", result!["command"]!.GetValue<string>());
        Assert.Equal("c0ffee", result["id"]!.GetValue<string>());
        Assert.Equal("/run/berth/netns/c0ffee", result["netns"]!.GetValue<string>());
        Assert.Equal("eth0", result["ifname"]!.GetValue<string>());
        Assert.Equal(_plugins.Dir, result["path"]!.GetValue<string>());
        Assert.Equal("net", result["stdin"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_namespace_is_passed_as_an_empty_CNI_NETNS()
    {
        _plugins.Add("echo", """cat >/dev/null; printf '{"netns":"%s"}' "$CNI_NETNS" """);

        var result = await Runner().ExecAsync(CniCommand.Del, Args with { NetnsPath = null }, Config("echo"), CancellationToken.None);

        Assert.Equal("", result!["netns"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_daemons_own_CNI_variables_do_not_leak_into_a_plugin()
    {
        Environment.SetEnvironmentVariable("CNI_BERTH_TEST_LEAK", "leaked");
        try
        {
            _plugins.Add("echo", """cat >/dev/null; printf '{"leak":"%s"}' "$CNI_BERTH_TEST_LEAK" """);

            var result = await Runner().ExecAsync(CniCommand.Add, Args, Config("echo"), CancellationToken.None);

            Assert.Equal("", result!["leak"]!.GetValue<string>());
        }
        finally
        {
            Environment.SetEnvironmentVariable("CNI_BERTH_TEST_LEAK", null);
        }
    }

    [Fact]
    public async Task An_empty_stdout_on_success_is_a_null_result()
    {
        _plugins.Add("quiet", "cat >/dev/null; exit 0");

        Assert.Null(await Runner().ExecAsync(CniCommand.Del, Args, Config("quiet"), CancellationToken.None));
    }

    [Fact]
    public async Task An_error_object_becomes_a_CniException_with_its_code_msg_and_details()
    {
        _plugins.Add("refuse", """
            cat >/dev/null
            echo "log line" >&2
            echo '{"cniVersion":"1.0.0","code":7,"msg":"Invalid Configuration","details":"Network 192.168.0.0/31 too small"}'
            exit 1
            """);

        var error = await Assert.ThrowsAsync<CniException>(() => Runner().ExecAsync(CniCommand.Add, Args, Config("refuse"), CancellationToken.None));

        Assert.Equal(("refuse", "ADD", 7, "Invalid Configuration", "Network 192.168.0.0/31 too small"),
            (error.Plugin, error.Command, error.Code, error.Msg, error.Details));
        Assert.Equal("log line\n", error.Stderr);
        Assert.Equal(NetworkErrorKind.Internal, error.Kind);
    }

    [Fact]
    public async Task A_failure_without_an_error_object_reports_the_exit_code_and_output()
    {
        _plugins.Add("crash", "echo 'panic: boom' >&2; exit 2");

        var error = await Assert.ThrowsAsync<CniException>(() => Runner().ExecAsync(CniCommand.Add, Args, Config("crash"), CancellationToken.None));

        Assert.Equal(2, error.Code);
        Assert.Contains("panic: boom", error.Msg);
    }

    [Fact]
    public async Task A_plugin_that_does_not_answer_in_time_is_killed()
    {
        _plugins.Add("hang", "exec sleep 30");

        var error = await Assert.ThrowsAsync<CniException>(() =>
            Runner(TimeSpan.FromMilliseconds(300)).ExecAsync(CniCommand.Add, Args, Config("hang"), CancellationToken.None));

        Assert.Equal(11, error.Code);
    }

    [Fact]
    public async Task A_plugin_missing_from_every_directory_is_reported_by_name()
    {
        var error = await Assert.ThrowsAsync<NetworkException>(() => Runner().ExecAsync(CniCommand.Add, Args, Config("nope"), CancellationToken.None));

        Assert.Contains("\"nope\" not found", error.Message);
    }

    [Fact]
    public async Task A_type_with_a_slash_is_refused()
    {
        var error = await Assert.ThrowsAsync<NetworkException>(() => Runner().ExecAsync(CniCommand.Add, Args, Config("../bin/sh"), CancellationToken.None));

        Assert.Equal(NetworkErrorKind.InvalidParameter, error.Kind);
    }
}
