using Berth.Actors.Events;

namespace Berth.Actors.Tests.Events;

/// <summary>dockerd's event filter rules.</summary>
public sealed class EventFilterTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.UnixEpoch;

    private static DockerEvent Container(string action, string id = "abc123", string name = "web", string image = "busybox:1.36", params (string, string)[] more) =>
        new("container", action, id, new SortedDictionary<string, string>(more.Append(("name", name)).Append(("image", image)).ToDictionary(p => p.Item1, p => p.Item2)), T);

    private static readonly DockerEvent ImageLoad = new("image", "load", "sha256:feed", new SortedDictionary<string, string> { ["name"] = "busybox:latest" }, T);

    [Fact]
    public void No_filter_includes_everything()
    {
        Assert.True(EventFilter.Parse(null).Includes(ImageLoad));
        Assert.True(EventFilter.Parse("").Includes(Container("start")));
    }

    [Fact]
    public void Values_of_one_key_are_alternatives_and_keys_are_all_required()
    {
        var filter = EventFilter.Parse("""{"type":{"container":true},"event":{"start":true,"die":true}}""");

        Assert.True(filter.Includes(Container("start")));
        Assert.True(filter.Includes(Container("die")));
        Assert.False(filter.Includes(Container("create")));
        Assert.False(filter.Includes(ImageLoad));
    }

    [Fact]
    public void Container_matches_the_id_or_the_name_by_prefix_and_leaves_out_other_types()
    {
        var byName = EventFilter.Parse("""{"container":{"web":true}}""");
        var byId = EventFilter.Parse("""{"container":["abc"]}""");

        Assert.True(byName.Includes(Container("start")));
        Assert.False(byName.Includes(Container("start", name: "db")));
        Assert.True(byId.Includes(Container("start", name: "db")));
        Assert.False(byName.Includes(ImageLoad));
    }

    [Fact]
    public void Image_matches_with_or_without_the_tag_for_containers_and_images()
    {
        var filter = EventFilter.Parse("""{"image":{"busybox":true}}""");

        Assert.True(filter.Includes(Container("start")));
        Assert.True(filter.Includes(ImageLoad));
        Assert.False(filter.Includes(Container("start", image: "alpine")));
    }

    [Fact]
    public void Label_requires_every_key_or_key_value_given()
    {
        var e = Container("start", more: [("tier", "front"), ("team", "a")]);

        Assert.True(EventFilter.Parse("""{"label":{"tier":true}}""").Includes(e));
        Assert.True(EventFilter.Parse("""{"label":{"tier=front":true,"team=a":true}}""").Includes(e));
        Assert.False(EventFilter.Parse("""{"label":{"tier=back":true}}""").Includes(e));
        Assert.False(EventFilter.Parse("""{"label":{"tier":true,"env":true}}""").Includes(e));
    }

    [Theory]
    [InlineData("{not json", "invalid filter")]
    [InlineData("""["type"]""", "invalid filter")]
    [InlineData("""{"colour":{"red":true}}""", "invalid filter 'colour'")]
    [InlineData("""{"type":"container"}""", "invalid filter")]
    public void Malformed_filters_are_refused_with_dockers_words(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => EventFilter.Parse(json));

        Assert.Equal(message, error.Message);
    }
}
