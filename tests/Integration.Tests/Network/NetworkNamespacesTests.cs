using Berth.Native.Network;

namespace Berth.Integration.Tests.Network;

/// <summary>Persistent network namespaces on the real kernel (root).</summary>
public sealed class NetworkNamespacesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "berth-netns-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly NetworkNamespaces _namespaces;

    public NetworkNamespacesTests() => _namespaces = new NetworkNamespaces(_dir);

    public void Dispose()
    {
        foreach (var file in Directory.Exists(_dir) ? Directory.GetFiles(_dir) : []) NetworkNamespaces.DeletePath(file);
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_created_namespace_is_a_bind_mounted_file_holding_only_loopback_which_is_up()
    {
        var path = await _namespaces.CreateAsync("one");

        Assert.Equal(Path.Combine(_dir, "one"), path);
        Assert.True(NetworkNamespaces.IsNamespace(path));
        Assert.NotEqual(HostNamespace(), await NamespaceOfAsync(path));
        var links = (await Shell.InNetnsAsync(path, "/usr/sbin/ip", "-o", "link")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lo = Assert.Single(links);
        Assert.Contains("lo:", lo);
        Assert.Contains("UP", lo.Split('<', '>')[1].Split(','));
    }

    [Fact]
    public async Task Namespace_changes_never_leak_into_the_callers_threads()
    {
        var host = HostNamespace();
        var path = await _namespaces.CreateAsync("two");
        var inside = await NamespaceOfAsync(path);

        var seen = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => ThreadNamespace())));

        Assert.NotEqual(host, inside);
        Assert.All(seen, s => Assert.Equal(host, s));
        Assert.Equal(host, ThreadNamespace());
    }

    [Fact]
    public async Task Deleting_unmounts_and_removes_and_is_idempotent()
    {
        var path = await _namespaces.CreateAsync("three");

        _namespaces.Delete("three");
        _namespaces.Delete("three");

        Assert.False(File.Exists(path));
        Assert.DoesNotContain(path, await File.ReadAllTextAsync("/proc/self/mountinfo"));
    }

    [Fact]
    public async Task Creating_over_a_leftover_replaces_it()
    {
        var first = await _namespaces.CreateAsync("four");
        var before = await NamespaceOfAsync(first);

        var second = await _namespaces.CreateAsync("four");

        var after = await NamespaceOfAsync(second);
        Assert.NotEqual(before, after);
        Assert.Equal(1, (await File.ReadAllTextAsync("/proc/self/mountinfo")).Split(second).Length - 1);
    }

    private static string HostNamespace() => new FileInfo("/proc/self/ns/net").LinkTarget!;

    /// <summary>The calling thread's network namespace, e.g. "net:[4026531840]".</summary>
    private static string ThreadNamespace() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;

    private static Task<string> NamespaceOfAsync(string nsFile) =>
        NetworkNamespaces.RunInsideAsync(nsFile, () => ThreadNamespace());
}
