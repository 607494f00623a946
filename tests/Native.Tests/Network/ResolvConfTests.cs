using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class ResolvConfTests
{
    [Fact]
    public void Loopback_nameservers_are_removed_and_the_rest_is_kept()
    {
        var host = "# generated\nnameserver 127.0.0.53\nnameserver 10.0.0.2\nnameserver ::1\nnameserver 2001:db8::1\nsearch corp.example\noptions ndots:2\n";

        var filtered = ResolvConf.Filter(host);

        Assert.Equal("# generated\nnameserver 10.0.0.2\nnameserver 2001:db8::1\nsearch corp.example\noptions ndots:2\n", filtered);
    }

    [Fact]
    public void When_no_nameserver_is_left_Googles_public_resolvers_are_used()
    {
        var filtered = ResolvConf.Filter("nameserver 127.0.1.1\nsearch lan\n");

        Assert.Equal("search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n", filtered);
    }

    [Fact]
    public void An_empty_or_missing_host_file_gives_only_the_fallback()
    {
        Assert.Equal("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", ResolvConf.Filter(""));
    }

    [Fact]
    public void Tabs_and_extra_spaces_around_a_loopback_nameserver_do_not_hide_it()
    {
        Assert.DoesNotContain("127.0.0.1", ResolvConf.Filter("nameserver\t 127.0.0.1  \nnameserver 1.1.1.1\n"));
    }

    [Fact]
    public void The_hash_is_sha256_of_the_content_in_Dockers_format()
    {
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ResolvConf.Hash(""));
    }

    [Fact]
    public void Nameservers_lists_the_addresses_in_order()
    {
        Assert.Equal(["1.1.1.1", "9.9.9.9"], ResolvConf.Nameservers("nameserver 1.1.1.1\n# nameserver 8.8.8.8\nnameserver 9.9.9.9 # x\n"));
    }
}
