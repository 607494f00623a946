using Berth.Supervisor.Cli;
using Berth.Supervisor.Tests.Api;

namespace Berth.Supervisor.Tests.Cli;

/// <summary><c>berth system prune</c>'s prompt and refusals, word for word as docker's CLI 28 prints them.</summary>
public sealed class SystemPruneCommandTests : IAsyncLifetime
{
    private ApiHarness _api = null!;
    private readonly StringWriter _out = new();

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("n\n")]
    [InlineData("yes\n")]
    [InlineData("")]
    public async Task Anything_but_y_at_the_prompt_removes_nothing(string answer)
    {
        await CreateCommand.RunAsync(_api.Client, ["--name", "stopped", "busybox", "true"], new StringWriter());

        var code = await PruneVerbs.System(_api.Client, ["prune"], _out, new StringReader(answer));

        Assert.Equal(0, code);
        Assert.Equal(
            "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n" +
            "  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ", _out.ToString());
        var listed = new StringWriter();
        await PsCommand.RunAsync(_api.Client, ["-a"], listed);
        Assert.EndsWith(" stopped", listed.ToString().Trim());
    }

    [Fact]
    public void With_all_volumes_and_filters_the_warning_names_them_as_docker_does()
    {
        var text = SystemPruneCommand.Warning(all: true, volumes: true, ["label=tier=web", "until=24h", "label!=keep"]);

        Assert.Equal(
            "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n" +
            "  - all anonymous volumes not used by at least one container\n" +
            "  - all images without at least one container associated to them\n  - all build cache\n\n" +
            "  Items to be pruned will be filtered with:\n  - label!=keep\n  - label=tier=web\n  - until=24h\n", text);
    }

    [Fact]
    public async Task Until_with_volumes_is_refused_before_anything_is_asked()
    {
        var error = await Assert.ThrowsAsync<CliException>(() =>
            PruneVerbs.System(_api.Client, ["prune", "--volumes", "--filter", "until=1h"], _out, new StringReader("y\n")));

        Assert.Equal("ERROR: The \"until\" filter is not supported with \"--volumes\"", error.Message);
        Assert.Equal("", _out.ToString());
    }
}
