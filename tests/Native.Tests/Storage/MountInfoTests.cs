using Berth.Native.Storage;

namespace Berth.Native.Tests.Storage;

public sealed class MountInfoTests
{
    [Fact]
    public void A_mountinfo_line_gives_mount_point_type_and_source()
    {
        var info = MountInfo.Parse("36 35 98:0 / /var/lib/berth/overlay/abc/merged rw,relatime shared:1 - overlay overlay rw,lowerdir=/x");

        Assert.NotNull(info);
        Assert.Equal(36, info.Id);
        Assert.Equal(35, info.ParentId);
        Assert.Equal("/var/lib/berth/overlay/abc/merged", info.MountPoint);
        Assert.Equal("overlay", info.FsType);
        Assert.Equal("overlay", info.Source);
    }

    [Fact]
    public void Octal_escapes_in_mount_points_are_decoded()
    {
        var info = MountInfo.Parse(@"40 1 0:50 / /tmp/with\040space\134and\011tab rw - tmpfs tmpfs rw");

        Assert.Equal("/tmp/with space\\and\ttab", info!.MountPoint);
    }

    [Fact]
    public void Lines_without_optional_fields_parse()
    {
        var info = MountInfo.Parse("21 26 0:20 / /proc rw,relatime - proc proc rw");

        Assert.Equal("/proc", info!.MountPoint);
        Assert.Equal("proc", info.FsType);
    }

    [Fact]
    public void Malformed_lines_are_skipped()
    {
        Assert.Null(MountInfo.Parse("garbage"));
        Assert.Null(MountInfo.Parse("1 2 3 4 5 6 7"));
    }

    [Fact]
    public void The_root_file_system_is_a_mount_point()
    {
        Assert.True(Mounts.IsMountPoint("/"));
        Assert.Contains(MountInfo.ReadAll(), m => m.MountPoint == "/");
    }
}
