using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class ContainerUserResolverTests : IDisposable
{
    private readonly string _rootfs = Directory.CreateTempSubdirectory("berth-user-").FullName;

    public ContainerUserResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(_rootfs, "etc"));
        File.WriteAllText(Path.Combine(_rootfs, "etc", "passwd"), """
            root:x:0:0:root:/root:/bin/sh
            app:x:1000:1000:app:/home/app:/bin/sh
            www:x:33:33::/var/www:/bin/false
            """);
        File.WriteAllText(Path.Combine(_rootfs, "etc", "group"), """
            root:x:0:
            wheel:x:10:app,root
            app:x:1000:
            docker:x:999:app
            www:x:33:
            """);
    }

    public void Dispose() => Directory.Delete(_rootfs, recursive: true);

    [Fact]
    public void No_user_is_root()
    {
        AssertUser(0, 0, [10], ContainerUserResolver.Resolve(_rootfs, null));
    }

    [Fact]
    public void A_name_resolves_to_its_uid_gid_and_supplementary_groups()
    {
        var user = ContainerUserResolver.Resolve(_rootfs, "app");

        Assert.Equal(1000u, user.Uid);
        Assert.Equal(1000u, user.Gid);
        Assert.Equal([10u, 999u], user.AdditionalGids);
    }

    [Fact]
    public void A_numeric_uid_in_passwd_takes_its_primary_group()
    {
        var user = ContainerUserResolver.Resolve(_rootfs, "33");

        Assert.Equal((33u, 33u), (user.Uid, user.Gid));
    }

    [Fact]
    public void A_numeric_uid_missing_from_passwd_runs_with_gid_0()
    {
        AssertUser(4242, 0, [], ContainerUserResolver.Resolve(_rootfs, "4242"));
    }

    [Theory]
    [InlineData("app:docker", 1000u, 999u)]
    [InlineData("app:50", 1000u, 50u)]
    [InlineData("4242:4343", 4242u, 4343u)]
    public void An_explicit_group_wins_and_drops_supplementary_groups(string spec, uint uid, uint gid)
    {
        AssertUser(uid, gid, [], ContainerUserResolver.Resolve(_rootfs, spec));
    }

    [Theory]
    [InlineData("nobody-here")]
    [InlineData("app:nogroup")]
    public void Unknown_names_are_invalid(string spec)
    {
        var error = Assert.Throws<RuntimeException>(() => ContainerUserResolver.Resolve(_rootfs, spec));

        Assert.Equal(RuntimeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void A_symlinked_passwd_is_not_followed_out_of_the_image()
    {
        var passwd = Path.Combine(_rootfs, "etc", "passwd");
        File.Delete(passwd);
        File.CreateSymbolicLink(passwd, "/etc/passwd");

        Assert.Throws<RuntimeException>(() => ContainerUserResolver.Resolve(_rootfs, "root"));
        Assert.Equal(0u, ContainerUserResolver.Resolve(_rootfs, "0").Uid);
    }

    [Fact]
    public void An_image_without_etc_still_runs_numeric_users()
    {
        var bare = Directory.CreateTempSubdirectory("berth-bare-").FullName;
        try
        {
            AssertUser(0, 0, [], ContainerUserResolver.Resolve(bare, null));
            AssertUser(7, 8, [], ContainerUserResolver.Resolve(bare, "7:8"));
        }
        finally
        {
            Directory.Delete(bare, recursive: true);
        }
    }

    private static void AssertUser(uint uid, uint gid, uint[] additional, ProcessUser actual)
    {
        Assert.Equal(uid, actual.Uid);
        Assert.Equal(gid, actual.Gid);
        Assert.Equal(additional, actual.AdditionalGids);
    }
}
