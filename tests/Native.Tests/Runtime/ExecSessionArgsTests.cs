using System.Text.Json.Nodes;
using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

/// <summary>conmon's exec command line, the exec's OCI process and stdin's lifetime for containers.</summary>
public sealed class ExecSessionArgsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-exec-spec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_exec_runs_under_conmon_with_its_own_dir_no_log_and_waits_for_the_attach()
    {
        var args = ConmonArgs.ForExec("c1", "e1", "/run/b/containers/c1/exec/e1", "/run/b/containers/c1/exec/e1/process.json",
            "/usr/bin/crun", "/run/b/runtime/crun", tty: true, stdin: true, "warning");

        Assert.Equal("e1", Value(args, "-u"));
        Assert.Equal("/run/b/containers/c1/exec/e1", Value(args, "-b"));
        Assert.Equal("/run/b/containers/c1/exec/e1", Value(args, "--persist-dir"));
        Assert.Equal("none", Value(args, "-l"));
        Assert.Equal("/run/b/containers/c1/exec/e1/process.json", Value(args, "--exec-process-spec"));
        Assert.Contains("-e", args);
        Assert.Contains("--exec-attach", args);
        Assert.Contains("-t", args);
        Assert.Contains("-i", args);
    }

    [Fact]
    public void Stdin_stays_open_across_clients_unless_the_container_is_stdin_once()
    {
        var paths = new TaskPaths("/run/b/containers/c1", "/var/lib/b/c1.log");

        var kept = ConmonArgs.ForCreate("c1", paths, "/usr/bin/crun", "/run/b/runtime/crun", false, openStdin: true, "warning");
        var once = ConmonArgs.ForCreate("c1", paths, "/usr/bin/crun", "/run/b/runtime/crun", false, openStdin: true, "warning", stdinOnce: true);

        Assert.Contains("--leave-stdin-open", kept);
        Assert.DoesNotContain("--leave-stdin-open", once);
    }

    [Fact]
    public void The_exec_process_is_the_containers_with_the_execs_command_env_cwd_and_size()
    {
        var config = Bundle(new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = 0, ["gid"] = 0 },
            ["args"] = new JsonArray("sleep", "1000"),
            ["env"] = new JsonArray("PATH=/bin", "A=1"),
            ["cwd"] = "/",
            ["capabilities"] = new JsonObject { ["bounding"] = new JsonArray("CAP_CHOWN") },
        });

        var process = ExecProcessSpec.Build(config, new ExecSpec(["sh", "-c", "env"], ["A=2", "B=3"], null, "/tmp", Tty: true, Stdin: true, Privileged: false, [30, 100]));

        Assert.Equal(["sh", "-c", "env"], process["args"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["PATH=/bin", "A=2", "B=3", "TERM=xterm"], process["env"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("/tmp", process["cwd"]!.GetValue<string>());
        Assert.True(process["terminal"]!.GetValue<bool>());
        Assert.Equal(30, process["consoleSize"]!["height"]!.GetValue<int>());
        Assert.Equal(["CAP_CHOWN"], process["capabilities"]!["bounding"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void A_privileged_exec_gets_every_capability_and_a_named_user_is_resolved_in_the_image()
    {
        var rootfs = Directory.CreateDirectory(Path.Combine(_dir, "rootfs")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\napp:x:1000:\n");
        var config = Bundle(new JsonObject { ["args"] = new JsonArray("true"), ["env"] = new JsonArray() }, rootfs);

        var process = ExecProcessSpec.Build(config, new ExecSpec(["id"], [], "app", null, Tty: false, Stdin: false, Privileged: true));

        Assert.Equal(1000u, process["user"]!["uid"]!.GetValue<uint>());
        Assert.Contains("CAP_SYS_ADMIN", process["capabilities"]!["effective"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private string Bundle(JsonObject process, string rootfs = "/nonexistent")
    {
        var file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, new JsonObject { ["process"] = process, ["root"] = new JsonObject { ["path"] = rootfs } }.ToJsonString());
        return file;
    }

    private static string? Value(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }
}
