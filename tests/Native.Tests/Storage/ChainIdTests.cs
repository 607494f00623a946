using Berth.Native.Storage;

namespace Berth.Native.Tests.Storage;

public sealed class ChainIdTests
{
    // DiffIDs are sha256("layer-0"), sha256("layer-1"), sha256("layer-2"); the ChainIDs were
    // computed independently (python hashlib) from the OCI image spec's definition.
    private const string D0 = "sha256:ff5eba71a8188ea1e1d463b58f6ad20fb3736ae6e2fe50bc84a5a2c672c95e35";
    private const string D1 = "sha256:922badbaf192e1a4a5af64df422de6d73e96e70d0ab52245bd3d692bcea9cfad";
    private const string D2 = "sha256:6bdb18f83935f1d97220ee8035e6ccd7e764c32102587be4488f940f943ebda6";
    private const string C1 = "sha256:5f6d0bbaeb87c061087581d0bb11f33c74cb36cf29cc61ae268000b23e76d7ea";
    private const string C2 = "sha256:cfbc7be4da896d221fd750e87b75e0c564321f2edc36435f7c5c7afd7d27478a";

    [Fact]
    public void The_chain_id_of_the_bottom_layer_is_its_diff_id()
    {
        Assert.Equal(D0, ChainId.Next(null, D0));
    }

    [Fact]
    public void Chain_ids_of_a_stack_match_the_known_vector()
    {
        Assert.Equal([D0, C1, C2], ChainId.Of([D0, D1, D2]));
    }

    [Fact]
    public void Each_chain_id_hashes_the_parent_chain_id_a_space_and_the_diff_id()
    {
        Assert.Equal(Digests.Sha256($"{C1} {D2}"), ChainId.Next(C1, D2));
    }

    [Fact]
    public void An_empty_stack_has_no_chain_ids()
    {
        Assert.Empty(ChainId.Of([]));
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:ff5eba71a8188ea1e1d463b58f6ad20fb3736ae6e2fe50bc84a5a2c672c95e35")]
    [InlineData("SHA256:FF5EBA71A8188EA1E1D463B58F6AD20FB3736AE6E2FE50BC84A5A2C672C95E35")]
    public void A_malformed_diff_id_is_rejected(string diffId)
    {
        var error = Assert.Throws<StorageException>(() => ChainId.Next(null, diffId));
        Assert.Equal(StorageErrorKind.InvalidParameter, error.Kind);
    }
}
