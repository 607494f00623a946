using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

/// <summary>The docker CLI turns these substrings into run's exit code: 127 not found, 126 cannot execute.</summary>
public sealed class ExecFailureTextTests
{
    [Fact]
    public void Crun_s_command_not_found_reads_as_runc_s()
    {
        Assert.Equal("unable to start container process: exec: \"nosuch\": executable file not found in $PATH",
            ExecFailureText.Describe("executable file `nosuch` not found in $PATH: No such file or directory\n", "nosuch"));
    }

    [Theory]
    [InlineData("open executable: Permission denied")]
    [InlineData("open executable: Operation not permitted")]
    public void Crun_s_cannot_open_the_command_reads_as_permission_denied_naming_it(string crun)
    {
        Assert.Equal("unable to start container process: exec: \"/etc\": permission denied", ExecFailureText.Describe(crun, "/etc"));
    }

    [Fact]
    public void Runc_s_log_line_is_unwrapped_to_its_message()
    {
        var runc = "time=\"2026-12-03T08:19:26Z\" level=error msg=\"runc create failed: unable to start container process: exec: \\\"nosuch\\\": executable file not found in $PATH\"";

        Assert.Equal("unable to start container process: exec: \"nosuch\": executable file not found in $PATH", ExecFailureText.Describe(runc, "nosuch"));
    }

    [Fact]
    public void Any_other_error_is_left_as_the_runtime_said_it()
    {
        Assert.Equal("mount `/proc` to `proc`: Operation not permitted", ExecFailureText.Describe("mount `/proc` to `proc`: Operation not permitted", "sh"));
    }
}
