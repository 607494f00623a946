using Berth.Native.Proc;

namespace Berth.Native.Tests.Proc;

public sealed class HostReleaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-release-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Join(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    [Fact]
    public void Reads_kernel_release_pretty_name_and_cgroup_v1()
    {
        Write("proc/sys/kernel/osrelease", "6.1.0-28-amd64\n");
        Write("etc/os-release", "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
        Directory.CreateDirectory(Path.Join(_root, "sys/fs/cgroup/memory"));

        Assert.Equal(new HostRelease("6.1.0-28-amd64", "Debian GNU/Linux 12 (bookworm)", "1"), HostRelease.Read(_root));
    }

    [Fact]
    public void Falls_back_to_Linux_and_cgroup_v2_when_the_files_are_missing()
    {
        Assert.Equal(new HostRelease("", "Linux", "2"), HostRelease.Read(_root));
    }

    [Fact]
    public void The_real_host_has_a_kernel_release()
    {
        Assert.Matches(@"^\d+\.\d+", HostRelease.Read("/").KernelVersion);
    }
}
