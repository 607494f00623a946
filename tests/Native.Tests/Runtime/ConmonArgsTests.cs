using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class ConmonArgsTests
{
    private static readonly TaskPaths Paths = new("/run/berth/containers/c1", "/var/lib/berth/containers/c1/container.log");

    private static IReadOnlyList<string> Args(bool tty = false, bool stdin = false) =>
        ConmonArgs.ForCreate("c1", Paths, "/usr/bin/crun", "/run/berth/runtime/crun", tty, stdin, "warning");

    private static string? Value(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    [Fact]
    public void Conmon_is_told_the_container_runtime_bundle_and_where_to_write()
    {
        var args = Args();

        Assert.Equal("1", Value(args, "--api-version"));
        Assert.Equal("c1", Value(args, "-c"));
        Assert.Equal("c1", Value(args, "-u"));
        Assert.Equal("/usr/bin/crun", Value(args, "-r"));
        Assert.Equal("/run/berth/containers/c1", Value(args, "-b"));
        Assert.Equal("/run/berth/containers/c1/pidfile", Value(args, "-p"));
        Assert.Equal("/run/berth/containers/c1/conmon.pid", Value(args, "--conmon-pidfile"));
        Assert.Equal("/run/berth/containers/c1", Value(args, "--persist-dir"));
        Assert.Equal("k8s-file:/var/lib/berth/containers/c1/container.log", Value(args, "-l"));
        Assert.Contains("--full-attach", args);
    }

    [Fact]
    public void The_runtime_keeps_its_state_under_berth_s_root()
    {
        var args = string.Join(' ', Args());

        Assert.Contains("--runtime-arg --root --runtime-arg /run/berth/runtime/crun", args);
    }

    [Fact]
    public void A_tty_asks_for_a_terminal_and_open_stdin_for_a_stdin_pipe()
    {
        Assert.Contains("-t", Args(tty: true));
        Assert.DoesNotContain("-i", Args(tty: true, stdin: true));
        Assert.Contains("-i", Args(stdin: true));
        Assert.DoesNotContain("-t", Args());
        Assert.DoesNotContain("-i", Args());
    }

    [Fact]
    public void The_sync_message_gives_the_pid()
    {
        Assert.Equal(14490, ConmonLauncher.ParseSyncMessage("{\"data\": 14490}\n"));
    }

    [Fact]
    public void A_negative_sync_message_is_the_runtime_s_error()
    {
        var error = Assert.Throws<RuntimeException>(() => ConmonLauncher.ParseSyncMessage(
            "{\"data\": -1, \"message\": \"executable file `/nonexistent` not found in $PATH: No such file or directory\\n\"}\n"));

        Assert.Equal("create", error.Operation);
        Assert.Contains("exec: \"/nonexistent\": executable file not found in $PATH", error.Message);
    }

    [Fact]
    public void An_unreadable_sync_message_is_an_error()
    {
        Assert.Throws<RuntimeException>(() => ConmonLauncher.ParseSyncMessage("garbage"));
    }
}
