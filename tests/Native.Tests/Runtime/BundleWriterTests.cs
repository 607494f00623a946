using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class BundleWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-bundle-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TaskPaths Paths(string id = "c1") => new(Path.Combine(_root, "containers", id), Path.Combine(_root, "data", id, "container.log"));

    [Fact]
    public void Writing_creates_the_bundle_and_returns_the_digest_of_config_json()
    {
        var info = BundleWriter.Write(Paths(), new JsonObject { ["ociVersion"] = "1.0.2" });

        Assert.Equal(Paths().BundleDir, info.BundlePath);
        var bytes = File.ReadAllBytes(Paths().ConfigFile);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), info.SpecDigest);
        Assert.Equal("1.0.2", (string?)JsonNode.Parse(bytes)!["ociVersion"]);
        Assert.False(File.Exists(Paths().ConfigFile + ".tmp"));
    }

    [Fact]
    public void The_same_spec_gives_the_same_digest_and_a_different_one_another()
    {
        var first = BundleWriter.Write(Paths(), new JsonObject { ["hostname"] = "a" });
        var again = BundleWriter.Write(Paths(), new JsonObject { ["hostname"] = "a" });
        var other = BundleWriter.Write(Paths(), new JsonObject { ["hostname"] = "b" });

        Assert.Equal(first.SpecDigest, again.SpecDigest);
        Assert.NotEqual(first.SpecDigest, other.SpecDigest);
    }

    [Fact]
    public void Deleting_removes_the_bundle_and_is_idempotent()
    {
        BundleWriter.Write(Paths(), new JsonObject());
        File.WriteAllText(Path.Combine(Paths().BundleDir, "exit"), "0");

        BundleWriter.Delete(Paths());
        BundleWriter.Delete(Paths());

        Assert.False(Directory.Exists(Paths().BundleDir));
    }
}
