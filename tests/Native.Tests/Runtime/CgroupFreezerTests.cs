using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

/// <summary>Recovery asks the kernel whether a container's cgroup is frozen; both cgroup versions are read.</summary>
public sealed class CgroupFreezerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-freezer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Theory]
    [InlineData("FROZEN\n", true)]
    [InlineData("FREEZING\n", true)]
    [InlineData("THAWED\n", false)]
    public void The_v1_freezer_state_of_the_process_s_cgroup_counts(string state, bool frozen)
    {
        Write("freezer/berth/abc/freezer.state", state);
        string[] cgroup = ["12:memory:/berth/abc", "7:freezer:/berth/abc", "0::/"];

        Assert.Equal(frozen, CgroupFreezer.IsFrozen(cgroup, _root));
    }

    [Theory]
    [InlineData("1\n", true)]
    [InlineData("0\n", false)]
    public void On_cgroup_v2_cgroup_freeze_counts(string freeze, bool frozen)
    {
        Write("berth/abc/cgroup.freeze", freeze);

        Assert.Equal(frozen, CgroupFreezer.IsFrozen(["0::/berth/abc"], _root));
    }

    [Fact]
    public void A_process_that_is_gone_is_not_frozen()
    {
        Assert.False(CgroupFreezer.IsFrozen(int.MaxValue));
    }
}
