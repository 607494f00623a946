using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class LeftoverCgroupsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-cg-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_container_s_cgroup_is_removed_from_every_hierarchy_leaf_first_and_its_siblings_stay()
    {
        foreach (var hierarchy in new[] { "memory", "pids", "unified" })
        {
            Directory.CreateDirectory(Path.Combine(_root, hierarchy, "berth", "c1", "nested"));
            Directory.CreateDirectory(Path.Combine(_root, hierarchy, "berth", "c2"));
        }

        LeftoverCgroups.Remove("/berth/c1", _root);
        LeftoverCgroups.Remove("/berth/c1", _root);

        foreach (var hierarchy in new[] { "memory", "pids", "unified" })
        {
            Assert.False(Directory.Exists(Path.Combine(_root, hierarchy, "berth", "c1")));
            Assert.True(Directory.Exists(Path.Combine(_root, hierarchy, "berth", "c2")));
        }
    }
}
