using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Cli;

namespace Berth.Supervisor.Tests.Cli;

/// <summary><c>berth ps --format</c> sees docker's fields and shapes, not the API row.</summary>
public sealed class PsFormatRowTests
{
    private static readonly ApiContainerSummary Row = new()
    {
        Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        Names = ["/stopped"],
        Image = "busybox",
        ImageID = "sha256:aa",
        Command = "sh -c 'sleep 1000; echo done'",
        Created = 1_741_942_800,
        Ports = [new ApiPort("0.0.0.0", 80, 8080, "tcp")],
        Labels = new() { ["tier"] = "front" },
        State = "exited",
        Status = "Exited (0) 2 minutes ago",
    };

    [Theory]
    [InlineData("{{.Names}}", "stopped")]
    [InlineData("{{.ID}}", "0123456789ab")]
    [InlineData("{{.Command}}", "\"sh -c 'sleep 1000; …\"")]
    [InlineData("{{.Ports}}", "0.0.0.0:8080->80/tcp")]
    [InlineData("{{.Labels}}", "tier=front")]
    [InlineData("{{.State}} {{.Status}}", "exited Exited (0) 2 minutes ago")]
    [InlineData("{{.CreatedAt}}", "2025-03-14 09:00:00 +0000 UTC")]
    [InlineData("{{.RunningFor}}", "About a minute ago")]
    public void Templates_see_docker_s_fields(string template, string expected)
    {
        var data = PsFormatRow.Of(Row, noTrunc: false, DateTimeOffset.FromUnixTimeSeconds(Row.Created + 90)).ToTemplateData();

        Assert.Equal(expected, GoTemplate.Render(template, data));
    }

    [Fact]
    public void No_trunc_keeps_the_whole_id_and_command()
    {
        var row = PsFormatRow.Of(Row, noTrunc: true, DateTimeOffset.UtcNow);

        Assert.Equal(Row.Id, row.ID);
        Assert.Equal("\"sh -c 'sleep 1000; echo done'\"", row.Command);
    }
}
