using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class CniChainTests : IDisposable
{
    private readonly FakePlugins _plugins = new();

    public CniChainTests()
    {
        // Each plugin logs "<type> <command> <whether prevResult came>" and answers with a result
        // naming itself, so the chain's order and the prevResult hand-over are visible.
        foreach (var type in new[] { "first", "second" })
            _plugins.Add(type, $$"""
                stdin=$(cat)
                case "$stdin" in *prevResult*) prev=prev ;; *) prev=none ;; esac
                echo "{{type}} $CNI_COMMAND $prev" >> "{{_plugins.LogPath}}"
                if [ "$CNI_COMMAND" = ADD ]; then printf '{"cniVersion":"1.0.0","by":"{{type}}"}'; fi
                """);
    }

    public void Dispose() => _plugins.Dispose();

    private CniChain Chain => new(new CniPluginRunner(_plugins.Dir, TimeSpan.FromSeconds(10)));

    private static CniAttachment Attachment(JsonNode? result = null) => new("net", "eth0",
        [new JsonObject { ["type"] = "first", ["name"] = "net" }, new JsonObject { ["type"] = "second", ["name"] = "net" }], result);

    [Fact]
    public async Task Add_runs_the_plugins_in_order_handing_each_result_to_the_next()
    {
        var result = await Chain.AddAsync(Attachment(), "c1", "/ns", CancellationToken.None);

        Assert.Equal("second", result!["by"]!.GetValue<string>());
        Assert.Equal(["first ADD none", "second ADD prev"], File.ReadAllLines(_plugins.LogPath));
    }

    [Fact]
    public async Task Del_runs_the_plugins_in_reverse_order_with_the_final_add_result()
    {
        await Chain.DelAsync(Attachment(JsonNode.Parse("""{"by":"second"}""")), "c1", null, CancellationToken.None);

        Assert.Equal(["second DEL prev", "first DEL prev"], File.ReadAllLines(_plugins.LogPath));
    }

    [Fact]
    public async Task Del_without_a_recorded_result_sends_no_prevResult()
    {
        await Chain.DelAsync(Attachment(), "c1", null, CancellationToken.None);

        Assert.Equal(["second DEL none", "first DEL none"], File.ReadAllLines(_plugins.LogPath));
    }
}
