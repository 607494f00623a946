using Berth.Native.Logs;

namespace Berth.Native.Tests.Logs;

public sealed class LogLineAssemblerTests
{
    private const string T1 = "2026-11-23T10:00:00.000000001Z";
    private const string T2 = "2026-11-23T10:00:01.000000001Z";

    [Fact]
    public void A_final_piece_completes_the_line_with_a_newline()
    {
        var lines = new LogLineAssembler();

        Assert.Null(lines.Add($"{T1} stdout P hel"));
        var line = lines.Add($"{T2} stdout F lo");

        Assert.Equal(("stdout", "hello\n"), (line!.Stream, line.Text));
        Assert.Empty(lines.Unfinished());
    }

    [Fact]
    public void Pieces_of_stdout_and_stderr_are_joined_per_stream()
    {
        var lines = new LogLineAssembler();

        Assert.Null(lines.Add($"{T1} stdout P out "));
        var err = lines.Add($"{T1} stderr F err");
        var @out = lines.Add($"{T2} stdout F done");

        Assert.Equal(("stderr", "err\n"), (err!.Stream, err.Text));
        Assert.Equal(("stdout", "out done\n"), (@out!.Stream, @out.Text));
    }

    [Fact]
    public void An_unfinished_last_line_is_given_without_a_newline_and_only_once()
    {
        var lines = new LogLineAssembler();
        lines.Add($"{T2} stderr P oops");
        lines.Add($"{T1} stdout P hi");

        var left = lines.Unfinished();

        Assert.Equal([("stdout", "hi"), ("stderr", "oops")], left.Select(e => (e.Stream, e.Text)));
        Assert.Empty(lines.Unfinished());
    }

    [Fact]
    public void An_empty_final_piece_is_an_empty_line_and_garbage_is_skipped()
    {
        var lines = new LogLineAssembler();

        Assert.Equal("\n", lines.Add($"{T1} stdout F")!.Text);
        Assert.Null(lines.Add("not a log line"));
        Assert.Null(lines.Add("yesterday stdout F x"));
    }
}
