using Berth.Supervisor.Api;

namespace Berth.Supervisor.Tests.Api;

/// <summary>Which requests are taken off the raw connection to be hijacked, and which go on to Kestrel.</summary>
public sealed class HijackRequestTests
{
    [Fact]
    public void An_upgrade_to_attach_is_hijacked_with_its_query()
    {
        var head = HijackConnection.Parse("POST /v1.45/containers/abc/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");

        Assert.NotNull(head);
        Assert.Equal("/containers/abc/attach", head.Path);
        Assert.Equal("1", head.Query["stream"].ToString());
        Assert.Equal(0, head.ContentLength);
    }

    [Fact]
    public void An_upgrade_to_exec_start_keeps_its_body_length()
    {
        var head = HijackConnection.Parse("POST /exec/e1/start HTTP/1.1\r\nContent-Length: 30\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");

        Assert.Equal(30, head?.ContentLength);
    }

    [Theory]
    [InlineData("POST /v1.45/containers/abc/attach HTTP/1.1\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("GET /v1.45/containers/abc/attach HTTP/1.1\r\nUpgrade: tcp\r\n\r\n")]
    [InlineData("POST /v1.45/containers/abc/start HTTP/1.1\r\nUpgrade: tcp\r\n\r\n")]
    [InlineData("POST /v9.99/containers/abc/attach HTTP/1.1\r\nUpgrade: tcp\r\n\r\n")]
    [InlineData("POST /exec/e1/start HTTP/1.1\r\nTransfer-Encoding: chunked\r\nUpgrade: tcp\r\n\r\n")]
    public void Anything_else_goes_on_to_kestrel(string request)
    {
        Assert.Null(HijackConnection.Parse(request));
    }
}
