using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class ProcStatTests
{
    private const string Running = "1234 (sleep) S 1200 1234 1234 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 987654 2048000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0";

    [Fact]
    public void The_start_time_is_field_22()
    {
        Assert.Equal(987654, ProcStat.ParseStartTime(Running));
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        Assert.Equal(987654, ProcStat.ParseStartTime(Running.Replace("(sleep)", "(my (odd) name)")));
    }

    [Fact]
    public void A_zombie_is_not_alive()
    {
        Assert.Null(ProcStat.ParseStartTime(Running.Replace(") S ", ") Z ")));
    }

    [Fact]
    public void The_current_process_is_alive_with_its_own_start_time_and_not_with_another()
    {
        var start = ProcStat.StartTime(Environment.ProcessId);

        Assert.NotNull(start);
        Assert.True(ProcStat.IsAlive(Environment.ProcessId, start.Value));
        Assert.False(ProcStat.IsAlive(Environment.ProcessId, start.Value + 1));
    }

    [Fact]
    public void A_pid_that_does_not_exist_is_not_alive()
    {
        Assert.Null(ProcStat.StartTime(int.MaxValue));
        Assert.Null(ProcStat.StartTime(0));
        Assert.Empty(ProcStat.CommandLine(int.MaxValue));
    }

    [Fact]
    public void The_command_line_is_split_on_nul()
    {
        Assert.Contains(ProcStat.CommandLine(Environment.ProcessId), a => a.Contains("dotnet") || a.Contains("testhost"));
    }
}
