using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class BridgeMasqueradeTeardownTests
{
    [Fact]
    public void The_chain_name_is_the_one_the_bridge_plugin_creates()
    {
        // Observed on this host: bridge 1.1.1 ADD for network "trynet", container "abc123".
        Assert.Equal("CNI-dcdd691dc0101fb26bcf12a5", BridgeMasqueradeTeardown.ChainName("trynet", "abc123"));
    }

    [Fact]
    public void It_applies_only_to_a_masquerading_bridge_chain()
    {
        var settings = new NetworkSettings("/run/berth", "/var/lib/berth");

        // Records written before masquerade became one rule per network carry the plugin's ipMasq.
        var older = (JsonObject)CniPluginConfigs.Bridge(settings).DeepClone();
        older["ipMasq"] = true;
        Assert.True(BridgeMasqueradeTeardown.Applies(new CniAttachment("bridge", "eth0", [older])));
        Assert.False(BridgeMasqueradeTeardown.Applies(new CniAttachment("bridge", "eth0", [CniPluginConfigs.Bridge(settings)])));
        Assert.False(BridgeMasqueradeTeardown.Applies(new CniAttachment("loopback", "lo", [CniPluginConfigs.Loopback()])));
        Assert.False(BridgeMasqueradeTeardown.Applies(new CniAttachment("x", "eth0", [new JsonObject { ["type"] = "bridge" }])));
    }
}
