using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Lifecycle;
using Berth.Actors.Registry;
using Berth.Journal.Events;
using Berth.Journal.Model;
using Berth.Journal.Serialization;
using Berth.Journal.Tests.Support;

namespace Berth.Journal.Tests.Serialization;

/// <summary>berth's string-manifest serializer: round trips, tolerance of other versions, refusals.</summary>
public sealed partial class ManifestSerializerTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private readonly BerthSerializer _serializer = fixture.Serializer;

    public static TheoryData<string> Manifests => new(Samples.All.Keys);

    [Fact]
    public void The_samples_cover_every_current_manifest()
    {
        var current = JournalManifests.All.Where(e => e.WrittenFrom is not null).Select(e => e.Manifest)
            .Append("container-state/1").Append("registry-state/1");
        Assert.Equal(current.Order(), Samples.All.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_journaled_type_round_trips_through_the_serializer(string manifest)
    {
        var sample = Samples.All[manifest];
        var bytes = _serializer.ToBinary(sample);

        Assert.Equal(manifest, _serializer.Manifest(sample));
        var back = _serializer.FromBinary(bytes, manifest);

        Assert.IsType(sample.GetType(), back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(_serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void An_unknown_extra_property_in_stored_json_is_ignored(string manifest)
    {
        var sample = Samples.All[manifest];
        var json = JsonNode.Parse(_serializer.ToBinary(sample))!.AsObject();
        json["AddedByANewerBerth"] = new JsonObject { ["Nested"] = new JsonArray(1, "two") };
        json.Insert(0, "AlsoNew", 42);

        var back = _serializer.FromBinary(Encoding.UTF8.GetBytes(json.ToJsonString()), manifest);

        Assert.Equal(Encoding.UTF8.GetString(_serializer.ToBinary(sample)), Encoding.UTF8.GetString(_serializer.ToBinary(back)));
    }

    [Fact]
    public void A_missing_optional_event_property_reads_as_its_default()
    {
        var exited = Read<Exited>("exited/1", """{"ExitCode":0,"OomKilled":false,"StopRequested":false,"At":"2025-03-14T09:26:53+00:00"}""");
        var created = Read<Created>("created/1",
            """{"Id":"c1","Name":"web","ImageId":"sha256:1","ImageRef":"busybox","Config":{},"HostConfig":{"RestartPolicy":{"Name":"always"}},"At":"2025-03-14T09:26:53+00:00"}""");
        var network = Read<NetworkAllocated>("network-allocated/1",
            """{"SandboxKey":"/run/berth/netns/c1","Networks":[{"Network":"none"}],"Ports":[],"At":"2025-03-14T09:26:53+00:00"}""");

        Assert.Null(exited.Error);
        Assert.Equal(new ContainerConfig(), created.Config);
        Assert.Equal((0, false, null), (created.HostConfig.RestartPolicy.MaximumRetryCount, created.HostConfig.AutoRemove, created.HostConfig.Init));
        Assert.Equal(new NetworkEndpoint("none"), Assert.Single(network.Networks));
        Assert.Null(network.HostsPath);
    }

    [Fact]
    public void A_missing_optional_snapshot_property_reads_as_its_default()
    {
        var container = Read<ContainerState>("container-state/1", """{"Id":"c1","Name":"web","Exists":true}""");
        var registry = Read<RegistryState>("registry-state/1", "{}");

        Assert.Equal((ContainerStatus.Created, "", 0), (container.Status, container.Error, container.RestartCount));
        Assert.Equal(new ContainerConfig(), container.Config);
        Assert.Equal(RestartPolicy.No, container.HostConfig.RestartPolicy);
        Assert.Null(container.Task);
        Assert.Empty(registry.NameById);
        Assert.Empty(registry.IdByName);
    }

    [Theory]
    [InlineData("exited/99")]
    [InlineData("Berth.Journal.Events.Exited, Berth.Journal")]
    [InlineData("")]
    public void An_unknown_manifest_is_a_serialization_exception(string manifest)
    {
        var bytes = _serializer.ToBinary(Samples.All["exited/1"]);

        var error = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, manifest));

        Assert.Contains("unknown journal manifest", error.Message);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused_rather_than_written_by_clr_name()
    {
        Assert.Throws<SerializationException>(() => _serializer.Manifest(new UnlistedFact()));
        Assert.Throws<SerializationException>(() => _serializer.ToBinary(new UnlistedFact()));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void No_clr_type_name_appears_in_the_bytes_or_the_manifest(string manifest)
    {
        var sample = Samples.All[manifest];
        var written = _serializer.Manifest(sample);
        var text = Encoding.UTF8.GetString(_serializer.ToBinary(sample));

        Assert.Matches(ManifestShape(), written);
        foreach (var clue in new[] { sample.GetType().FullName!, "Berth.", "System.", "$type", "\"" + sample.GetType().Name + "\"" })
            Assert.DoesNotContain(clue, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void The_daemon_config_binds_every_journaled_type_to_berths_serializer(string manifest)
    {
        var serializer = fixture.System.Serialization.FindSerializerFor(Samples.All[manifest]);

        Assert.IsType<BerthSerializer>(serializer);
        Assert.Equal(_serializer.Identifier, serializer.Identifier);
    }

    private T Read<T>(string manifest, string json) => Assert.IsType<T>(_serializer.FromBinary(Encoding.UTF8.GetBytes(json), manifest));

    [GeneratedRegex("^[a-z]+(-[a-z]+)*/[1-9][0-9]*$")]
    private static partial Regex ManifestShape();

    private sealed record UnlistedFact : IJournaled;
}
