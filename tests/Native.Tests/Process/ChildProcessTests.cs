using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Berth.Native.Processes;

namespace Berth.Native.Tests.Processes;

public sealed class ChildProcessTests
{
    private static ProcessStartSpec Sh(string script) => new("/bin/sh", ["-c", script]);

    [Fact]
    public async Task A_program_s_exit_code_stdout_and_stderr_are_captured()
    {
        var result = await ProcessRunner.RunAsync(Sh("echo out; echo err >&2; exit 3"), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public async Task A_process_ended_by_a_signal_reports_128_plus_the_signal()
    {
        var result = await ProcessRunner.RunAsync(Sh("kill -TERM $$"), CancellationToken.None);

        Assert.Equal(143, result.ExitCode);
    }

    [Fact]
    public async Task Environment_overrides_reach_the_child_on_top_of_the_daemon_s_environment()
    {
        var spec = Sh("echo $BERTH_TEST_VALUE:${PATH:+has-path}") with
        {
            Environment = new Dictionary<string, string> { ["BERTH_TEST_VALUE"] = "v1" },
        };

        var result = await ProcessRunner.RunAsync(spec, CancellationToken.None);

        Assert.Equal("v1:has-path\n", result.Stdout);
    }

    [Fact]
    public async Task A_descriptor_is_handed_to_the_child_at_the_requested_number()
    {
        var (parent, child) = SocketPair.Create(SocketType.Stream);
        using var _ = parent;
        ProcessResult result;
        using (child)
        {
            var spec = Sh("echo through-fd-3 >&3") with { Descriptors = new Dictionary<int, SafeHandle> { [3] = child } };
            result = await ProcessRunner.RunAsync(spec, CancellationToken.None);
        }
        var buffer = new byte[64];
        var n = await parent.ReceiveAsync(buffer, SocketFlags.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("through-fd-3\n", Encoding.UTF8.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task The_child_gets_only_stdio_with_stdin_on_dev_null()
    {
        var result = await ProcessRunner.RunAsync(Sh("readlink /proc/$$/fd/0; ls /proc/$$/fd"), CancellationToken.None);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fds = lines.Skip(1).Select(int.Parse).ToList();

        Assert.Equal("/dev/null", lines[0]);
        Assert.Equal([0, 1, 2], fds.Where(fd => fd <= 2).Order());
        // The shell may hold one descriptor of its own (dash: 10, bash: 255); none of the daemon's get through.
        Assert.True(fds.Count <= 4, $"descriptors in the child: {string.Join(' ', fds)}");
    }

    [Fact]
    public async Task The_child_starts_with_default_signal_dispositions_and_no_blocked_signals()
    {
        // .NET ignores SIGPIPE; a child that inherited that would pass it on to every container process.
        // exec: grep reads its own status, inherited as spawned. Reading the shell's from a child raced the shell's
        // own fork, during which it blocks every signal for a moment.
        var result = await ProcessRunner.RunAsync(Sh("exec grep -E '^Sig(Ign|Blk)' /proc/self/status"), CancellationToken.None);
        var masks = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l[..l.IndexOf(':')], l => Convert.ToUInt64(l[(l.IndexOf(':') + 1)..].Trim(), 16));

        // Signals 1–31 (bits 0–30). glibc keeps 32 and 33 for itself and posix_spawn leaves them alone.
        Assert.Equal(0UL, masks["SigIgn"] & 0x7fff_ffffUL);
        Assert.Equal(0UL, masks["SigBlk"] & 0x7fff_ffffUL);
    }

    [Fact]
    public async Task The_child_leads_its_own_session()
    {
        var result = await ProcessRunner.RunAsync(Sh("cat /proc/$$/stat; echo; echo $$"), CancellationToken.None);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fields = lines[0][(lines[0].LastIndexOf(')') + 2)..].Split(' ');

        Assert.Equal(lines[1], fields[3]); // field 6: session id
    }

    [Fact]
    public async Task Cancelling_the_wait_kills_the_child()
    {
        using var child = ChildProcess.Start(Sh("sleep 30"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => child.WaitForExitAsync(cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.False(Directory.Exists($"/proc/{child.Pid}") && !File.ReadAllText($"/proc/{child.Pid}/stat").Contains(") Z "),
            "the child still runs");
    }

    [Fact]
    public async Task A_checked_run_that_fails_throws_with_the_program_s_stderr()
    {
        var error = await Assert.ThrowsAsync<ProcessFailedException>(
            () => ProcessRunner.RunCheckedAsync(Sh("echo 'container does not exist' >&2; exit 1"), CancellationToken.None));

        Assert.Equal(1, error.ExitCode);
        Assert.Equal("container does not exist\n", error.Stderr);
        Assert.Contains("container does not exist", error.Message);
    }

    [Fact]
    public void A_missing_program_cannot_start()
    {
        Assert.Throws<ProcessStartException>(() => ChildProcess.Start(new ProcessStartSpec("/nonexistent/program", [])));
    }

    [Fact]
    public async Task Output_held_open_by_a_grandchild_does_not_block_the_wait()
    {
        // The grandchild keeps stdout open long after its parent has exited.
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(Sh("echo early; (sleep 5 &) ; exit 0"), CancellationToken.None);

        Assert.Equal("early\n", result.Stdout);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }
}
