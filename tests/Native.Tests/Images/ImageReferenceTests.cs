using Berth.Native.Images;
using Berth.Native.Storage;

namespace Berth.Native.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox", null, "busybox:latest")]
    [InlineData("busybox:latest", "busybox", "latest", "busybox:latest")]
    [InlineData("busybox:1.36", "busybox", "1.36", "busybox:1.36")]
    [InlineData("library/busybox", "busybox", null, "busybox:latest")]
    [InlineData("docker.io/library/busybox:latest", "busybox", "latest", "busybox:latest")]
    [InlineData("index.docker.io/library/busybox", "busybox", null, "busybox:latest")]
    [InlineData("docker.io/foo/bar:2", "foo/bar", "2", "foo/bar:2")]
    [InlineData("berth-test/app:1", "berth-test/app", "1", "berth-test/app:1")]
    [InlineData("localhost/app", "localhost/app", null, "localhost/app:latest")]
    [InlineData("localhost:5000/app:dev", "localhost:5000/app", "dev", "localhost:5000/app:dev")]
    [InlineData("quay.io/coreos/etcd:v3.5", "quay.io/coreos/etcd", "v3.5", "quay.io/coreos/etcd:v3.5")]
    [InlineData("Registry.Example.com/a/b", "Registry.Example.com/a/b", null, "Registry.Example.com/a/b:latest")]
    [InlineData("a__b/c-d.e_f", "a__b/c-d.e_f", null, "a__b/c-d.e_f:latest")]
    [InlineData("docker.io/library/foo/bar", "library/foo/bar", null, "library/foo/bar:latest")]
    public void References_parse_to_docker_familiar_names(string text, string name, string? tag, string key)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(name, reference.Name);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(key, reference.Key);
        Assert.Null(reference.Digest);
    }

    [Fact]
    public void A_digest_reference_keeps_its_digest()
    {
        var digest = "sha256:" + new string('a', 64);

        var reference = ImageReference.Parse($"busybox:1@{digest}");

        Assert.Equal(("busybox", "1", digest), (reference.Name, reference.Tag, reference.Digest));
        Assert.Equal($"busybox:1@{digest}", reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Busybox")]
    [InlineData("busybox:")]
    [InlineData("busybox:-bad")]
    [InlineData(":latest")]
    [InlineData("a//b")]
    [InlineData("a/-b")]
    [InlineData("busybox@sha256:short")]
    [InlineData("busy box")]
    [InlineData("bad_domain.com:port/x")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Invalid_references_are_rejected_as_invalid_parameters(string text)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var message));
        Assert.NotNull(message);
        var error = Assert.Throws<StorageException>(() => ImageReference.Parse(text));
        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
    }

    [Fact]
    public void An_uppercase_repository_says_it_must_be_lowercase()
    {
        ImageReference.TryParse("Busybox", out _, out var error);

        Assert.Contains("must be lowercase", error);
    }

    [Fact]
    public void A_tag_longer_than_128_characters_is_rejected()
    {
        Assert.True(ImageReference.TryParse("a:" + new string('t', 128), out _, out _));
        Assert.False(ImageReference.TryParse("a:" + new string('t', 129), out _, out _));
    }
}
