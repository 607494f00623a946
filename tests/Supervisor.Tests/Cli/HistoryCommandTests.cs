using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;
using Berth.Supervisor.Tests.Api;

namespace Berth.Supervisor.Tests.Cli;

/// <summary><c>berth history</c>: a container's facts as a table or <c>--format</c> lines, else the image's history.</summary>
public sealed class HistoryCommandTests : IAsyncLifetime
{
    // 2025-03-14T09:00:00.123456789Z and one second later.
    private const long Nanos = 1_741_942_800_123_456_789;
    private static readonly ApiContainerFact[] Facts =
    [
        new(1, 7, "2025-03-14T09:00:00.123456789Z", Nanos, "Created", "name web, image busybox (0123456789ab)"),
        new(2, 9, "2025-03-14T09:00:01.123456789Z", Nanos + 1_000_000_000, "Exited", "exit code 0: " + new string('x', 80)),
    ];

    private ApiHarness _api = null!;
    private readonly StringWriter _out = new();

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public void The_table_has_utc_millisecond_times_and_cuts_long_details()
    {
        HistoryCommand.Render(Facts, format: null, noTrunc: false, _out);

        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("TIME                       FACT      DETAIL", lines[0]);
        Assert.Equal("2025-03-14T09:00:00.123Z   Created   name web, image busybox (0123456789ab)", lines[1]);
        Assert.StartsWith("2025-03-14T09:00:01.123Z   Exited    exit code 0: xxx", lines[2]);
        Assert.EndsWith("x…", lines[2]);
        Assert.Equal(60, lines[2].Length - "2025-03-14T09:00:01.123Z   Exited    ".Length);
    }

    [Fact]
    public void No_trunc_keeps_the_whole_detail_and_format_renders_each_fact()
    {
        HistoryCommand.Render(Facts, format: null, noTrunc: true, _out);
        Assert.EndsWith("exit code 0: " + new string('x', 80), _out.ToString().TrimEnd());
        _out.GetStringBuilder().Clear();

        HistoryCommand.Render(Facts, "{{.Seq}} {{.Fact}} {{.Time}} {{.Detail}}", noTrunc: false, _out);

        Assert.Equal(
            ["1 Created 2025-03-14T09:00:00.123456789Z name web, image busybox (0123456789ab)",
             "2 Exited 2025-03-14T09:00:01.123456789Z exit code 0: " + new string('x', 80)],
            _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_removed_container_by_name_prints_its_life_and_an_image_name_prints_the_image_history()
    {
        await _api.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""", "once");
        await _api.RawAsync(HttpMethod.Delete, "/containers/once");

        Assert.Equal(0, await HistoryCommand.RunAsync(_api.Client, ["--format", "{{.Fact}}", "once"], _out));
        Assert.Equal(["Created", "RemovalStarted", "Removed"], _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        _out.GetStringBuilder().Clear();

        Assert.Equal(0, await HistoryCommand.RunAsync(_api.Client, ["busybox"], _out));
        Assert.StartsWith("IMAGE", _out.ToString());
    }

    [Fact]
    public async Task A_name_neither_container_nor_image_is_the_daemons_not_found()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => HistoryCommand.RunAsync(_api.Client, ["nope"], _out));

        Assert.Equal(404, error.Status);
    }
}
