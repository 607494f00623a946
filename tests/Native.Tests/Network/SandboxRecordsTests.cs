using System.Text.Json.Nodes;
using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class SandboxRecordsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "berth-records-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_record_reads_back_with_its_plugins_ports_and_result()
    {
        var records = new SandboxRecords(_dir);
        var record = new SandboxRecord(1, "abc", "bridge", "/run/berth/netns/abc",
            [new SandboxPort(80, "tcp", "0.0.0.0", 32768)],
            [new CniAttachment("bridge", "eth0", [CniPluginConfigs.Bridge(new NetworkSettings("/run/berth", "/var/lib/berth"))],
                JsonNode.Parse("""{"ips":[{"address":"10.88.0.2/16"}]}"""))]);

        records.Write(record);
        var read = records.TryRead("abc")!;

        Assert.Equal((1, "abc", "bridge", "/run/berth/netns/abc"), (read.Version, read.ContainerId, read.Mode, read.NetnsPath));
        Assert.Equal(record.Ports, read.Ports);
        var attachment = Assert.Single(read.Attachments);
        Assert.Equal("/var/lib/berth/network/ipam", attachment.Plugins[0]!["ipam"]!["dataDir"]!.GetValue<string>());
        Assert.Equal("10.88.0.2/16", attachment.Result!["ips"]![0]!["address"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_record_is_null_and_deleting_it_is_fine()
    {
        var records = new SandboxRecords(_dir);

        Assert.Null(records.TryRead("nope"));
        records.Delete("nope");
        Assert.Empty(records.ReadAll());
    }

    [Fact]
    public void A_damaged_record_is_skipped_by_ReadAll_but_reported_by_TryRead()
    {
        var records = new SandboxRecords(_dir);
        records.Write(new SandboxRecord(1, "good", "none", "/x", [], []));
        File.WriteAllText(records.PathOf("bad"), "{ not json");

        Assert.Equal("good", Assert.Single(records.ReadAll()).ContainerId);
        Assert.Throws<NetworkException>(() => records.TryRead("bad"));
    }
}
