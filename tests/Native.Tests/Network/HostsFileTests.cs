using Berth.Native.Network;

namespace Berth.Native.Tests.Network;

public sealed class HostsFileTests
{
    private const string Defaults =
        "127.0.0.1\tlocalhost\n" +
        "::1\tlocalhost ip6-localhost ip6-loopback\n" +
        "fe00::0\tip6-localnet\n" +
        "ff00::0\tip6-mcastprefix\n" +
        "ff02::1\tip6-allnodes\n" +
        "ff02::2\tip6-allrouters\n";

    [Fact]
    public void Without_an_address_only_Dockers_default_entries_are_written()
    {
        Assert.Equal(Defaults, HostsFile.Build(null, "web", null));
    }

    [Fact]
    public void With_an_address_the_hostname_follows_the_defaults()
    {
        Assert.Equal(Defaults + "10.88.0.5\tweb\n", HostsFile.Build("10.88.0.5", "web", null));
    }

    [Fact]
    public void A_domainname_adds_the_fqdn_before_the_bare_name()
    {
        Assert.Equal(Defaults + "10.88.0.5\tweb.example.org web\n", HostsFile.Build("10.88.0.5", "web", "example.org"));
    }

    [Fact]
    public void A_hostname_that_is_already_an_fqdn_is_split_the_same_way()
    {
        Assert.EndsWith("10.88.0.5\tdb.internal db\n", HostsFile.Build("10.88.0.5", "db.internal", null));
    }
}
