using System.Collections.Immutable;
using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Native.Tests.Images;

/// <summary>Reference resolution over one snapshot of the store: id, tag, id prefix — Docker's order.</summary>
public sealed class ImageStoreStateTests
{
    private static readonly string BusyboxId = "sha256:abc1" + new string('0', 60);
    private static readonly string AppId = "sha256:abc2" + new string('1', 60);
    private static readonly string OtherId = "sha256:" + "fe" + new string('2', 62);

    private readonly ImageStoreState _state = ImageStoreState.Empty with
    {
        Images = new[] { BusyboxId, AppId, OtherId }.ToImmutableDictionary(id => id, Image),
        Tags = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["busybox:latest"] = BusyboxId,
            ["berth-test/app:1"] = AppId,
            ["fe:latest"] = BusyboxId,
        }),
    };

    [Theory]
    [InlineData("busybox")]
    [InlineData("busybox:latest")]
    [InlineData("docker.io/library/busybox:latest")]
    public void A_tag_resolves_with_latest_as_the_default(string reference)
    {
        var match = _state.Resolve(reference);

        Assert.Equal(BusyboxId, match.Image.Id);
        Assert.Equal("busybox:latest", match.TagKey);
    }

    [Fact]
    public void A_full_id_resolves_with_or_without_its_algorithm()
    {
        Assert.Equal(AppId, _state.Resolve(AppId).Image.Id);
        Assert.Equal(AppId, _state.Resolve(AppId[7..]).Image.Id);
        Assert.Null(_state.Resolve(AppId).TagKey);
    }

    [Fact]
    public void A_unique_id_prefix_resolves()
    {
        Assert.Equal(AppId, _state.Resolve("abc2").Image.Id);
        Assert.Equal(AppId, _state.Resolve("sha256:abc2").Image.Id);
    }

    [Fact]
    public void A_tag_wins_over_an_id_prefix_that_spells_the_same()
    {
        Assert.Equal(BusyboxId, _state.Resolve("fe").Image.Id);
    }

    [Fact]
    public void An_ambiguous_prefix_is_an_invalid_parameter()
    {
        var error = Assert.Throws<StorageException>(() => _state.Resolve("abc"));

        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("busybox:1.0")]
    [InlineData("abcd")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public void An_unknown_reference_is_not_found_with_dockers_message(string reference)
    {
        var error = Assert.Throws<StorageException>(() => _state.Resolve(reference));

        Assert.Equal(StorageErrorKind.NotFound, error.Kind);
        Assert.Equal($"No such image: {reference}", error.Message);
    }

    [Fact]
    public void Tags_of_an_image_are_listed()
    {
        Assert.Equal(["busybox:latest", "fe:latest"], _state.TagsOf(BusyboxId));
    }

    private static StoredImage Image(string id) =>
        new(id, new ImageConfigFile(), new ImageRecord(id, DateTimeOffset.UnixEpoch, 0), []);
}
