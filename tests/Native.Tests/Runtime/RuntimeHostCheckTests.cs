using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class RuntimeHostCheckTests : IDisposable
{
    private readonly string _cgroups = Directory.CreateTempSubdirectory("berth-cgroup-").FullName;

    public void Dispose() => Directory.Delete(_cgroups, recursive: true);

    // /bin/sh stands in for every program: it exists and is executable everywhere.
    private static RuntimeSettings Settings(string defaultRuntime = "crun", string conmon = "/bin/sh") =>
        new("/run/berth", "/var/lib/berth", conmon, new Dictionary<string, string> { ["crun"] = "/bin/sh", ["runc"] = "/bin/sh" }, defaultRuntime);

    private void Unified(string controllers)
    {
        Directory.CreateDirectory(Path.Combine(_cgroups, "unified"));
        File.WriteAllText(Path.Combine(_cgroups, "unified", "cgroup.controllers"), controllers);
    }

    [Fact]
    public void A_host_with_an_empty_v2_hierarchy_is_ready()
    {
        Unified("");

        Assert.Empty(RuntimeHostCheck.Run(Settings(), _cgroups));
    }

    [Fact]
    public void A_pure_v2_or_pure_v1_host_has_no_hybrid_problem()
    {
        Assert.Empty(RuntimeHostCheck.Run(Settings(), _cgroups));
    }

    [Fact]
    public void Controllers_left_in_the_v2_hierarchy_stop_crun_and_the_message_says_what_to_mount()
    {
        Unified("hugetlb\n");

        var problem = Assert.Single(RuntimeHostCheck.Run(Settings(), _cgroups));

        Assert.Contains("crun", problem);
        Assert.Contains("hugetlb", problem);
        Assert.Contains($"mount -t cgroup -o hugetlb cgroup {_cgroups}/hugetlb", problem);
        Assert.Contains("runc", problem);
    }

    [Fact]
    public void A_missing_conmon_or_default_runtime_is_reported()
    {
        var problems = RuntimeHostCheck.Run(Settings(defaultRuntime: "youki", conmon: "/nonexistent/conmon"), _cgroups);

        Assert.Contains(problems, p => p.Contains("conmon"));
        Assert.Contains(problems, p => p.Contains("youki"));
    }

    [Fact]
    public void The_controllers_in_the_v2_hierarchy_are_listed()
    {
        Unified("hugetlb misc\n");

        Assert.Equal(["hugetlb", "misc"], RuntimeHostCheck.HybridControllersInV2(_cgroups));
    }
}
