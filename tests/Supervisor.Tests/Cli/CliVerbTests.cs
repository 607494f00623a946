using Berth.Supervisor.Cli;
using Berth.Supervisor.Tests.Api;

namespace Berth.Supervisor.Tests.Cli;

public sealed class CliVerbTests : IAsyncLifetime
{
    private ApiHarness _api = null!;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Create_prints_the_id_and_carries_dockers_flags_into_the_container()
    {
        var code = await CreateCommand.RunAsync(_api.Client,
            ["--name", "web", "-e", "A=1", "--env=B=2", "-w", "/srv", "-u", "1000:1000", "-h", "box", "--restart", "on-failure:3",
             "-it", "busybox", "sh", "-c", "echo hi"], _out);

        Assert.Equal(0, code);
        Assert.Matches("^[0-9a-f]{64}$", _out.ToString().Trim());
        _out.GetStringBuilder().Clear();
        await InspectCommand.RunAsync(_api.Client,
            ["-f", "{{.Config.Env}} {{.Config.WorkingDir}} {{.Config.User}} {{.Config.Hostname}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.Config.Tty}} {{json .Config.Cmd}}", "web"],
            _out, _err);
        // The user's env first, then the image's PATH merged in (Docker's merge rule).
        Assert.Equal("[A=1 B=2 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin] /srv 1000:1000 box on-failure:3 true [\"sh\",\"-c\",\"echo hi\"]",
            _out.ToString().Trim());
    }

    [Fact]
    public async Task Ps_filter_reaches_the_daemon_and_format_sees_dockers_fields()
    {
        await CreateCommand.RunAsync(_api.Client, ["--name", "front", "--label", "tier=web", "busybox", "true"], TextWriter.Null);
        await CreateCommand.RunAsync(_api.Client, ["--name", "back", "--label", "tier=db", "busybox", "true"], TextWriter.Null);

        await PsCommand.RunAsync(_api.Client, ["-a", "-f", "label=tier=web", "--format", "{{.Names}} {{.Labels}}"], _out);

        Assert.Equal("front tier=web", _out.ToString().Trim());
    }

    [Fact]
    public async Task Create_turns_the_health_flags_into_dockers_healthcheck()
    {
        await CreateCommand.RunAsync(_api.Client,
            ["--name", "hc", "--health-cmd", "test -f /tmp/ok", "--health-interval", "1m30s", "--health-timeout", "200ms",
             "--health-start-period", "5s", "--health-retries", "4", "busybox"], _out);
        await CreateCommand.RunAsync(_api.Client, ["--name", "off", "--no-healthcheck", "busybox"], _out);
        _out.GetStringBuilder().Clear();

        await InspectCommand.RunAsync(_api.Client, ["-f", "{{json .Config.Healthcheck}}", "hc", "off"], _out, _err);
        var conflict = await Assert.ThrowsAsync<CliException>(() =>
            CreateCommand.RunAsync(_api.Client, ["--no-healthcheck", "--health-retries", "2", "busybox"], _out));

        Assert.Equal(
            """
            {"Test":["CMD-SHELL","test -f /tmp/ok"],"Interval":90000000000,"Timeout":200000000,"StartPeriod":5000000000,"Retries":4}
            {"Test":["NONE"]}
            """, _out.ToString().Trim().ReplaceLineEndings("\n"));
        Assert.Equal("--no-healthcheck conflicts with --health-* options", conflict.Message);
    }

    [Fact]
    public async Task Ps_prints_dockers_table_and_quiet_prints_short_ids()
    {
        await CreateCommand.RunAsync(_api.Client, ["--name", "web", "busybox", "sleep", "1000"], _out);
        var id = _out.ToString().Trim();
        _out.GetStringBuilder().Clear();

        await PsCommand.RunAsync(_api.Client, ["-a"], _out);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _out.GetStringBuilder().Clear();
        await PsCommand.RunAsync(_api.Client, ["-aq"], _out);

        Assert.StartsWith("CONTAINER ID   IMAGE", lines[0]);
        Assert.Contains(id[..12], lines[1]);
        Assert.Contains("\"sleep 1000\"", lines[1]);
        Assert.Contains("Created", lines[1]);
        Assert.EndsWith("web", lines[1]);
        Assert.Equal(id[..12], _out.ToString().Trim());
    }

    [Fact]
    public async Task Stop_of_an_unknown_container_reports_the_daemons_error_and_fails()
    {
        var code = await ContainerVerbs.Stop(_api.Client, ["nope"], _out, _err);

        Assert.Equal(1, code);
        Assert.Equal("Error response from daemon: No such container: nope", _err.ToString().Trim());
    }

    [Fact]
    public async Task Start_stop_and_wait_print_what_docker_prints()
    {
        await CreateCommand.RunAsync(_api.Client, ["--name", "web", "busybox", "sleep", "1000"], _out);
        _out.GetStringBuilder().Clear();

        Assert.Equal(0, await ContainerVerbs.Start(_api.Client, ["web"], _out, _err));
        Assert.Equal(0, await ContainerVerbs.Stop(_api.Client, ["-t", "1", "web"], _out, _err));
        Assert.Equal(0, await ContainerVerbs.Wait(_api.Client, ["web"], _out, _err));

        Assert.Equal(["web", "web", "143"], _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unknown_flag_is_refused()
    {
        await Assert.ThrowsAsync<CliException>(() => PsCommand.RunAsync(_api.Client, ["--bogus"], _out));
    }
}
