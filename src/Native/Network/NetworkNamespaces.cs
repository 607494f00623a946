namespace Berth.Native.Network;

/// <summary>
/// Persistent network namespaces, each bind-mounted onto a file <c>&lt;directory&gt;/&lt;name&gt;</c>
/// (Docker's createNetworkNamespace; <c>ip netns add</c> with another directory). The namespace
/// lives as long as that mount (or a process inside it). Namespace changes happen on a dedicated
/// thread that exits right after, so no .NET thread-pool thread ever leaves the host's namespace.
/// </summary>
public sealed class NetworkNamespaces(string directory)
{
    public string Directory { get; } = directory;

    public string PathOf(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name is "." or "..")
            throw new NetworkException(NetworkErrorKind.InvalidParameter, $"invalid network namespace name \"{name}\"");
        return Path.Combine(Directory, name);
    }

    /// <summary>
    /// Creates the namespace <paramref name="name"/> and returns its path. A leftover of the same
    /// name (a crash) is removed first. Only <c>lo</c> exists in it, up: set in-process on the same
    /// thread, instead of executing the CNI loopback plugin (two process starts per container).
    /// </summary>
    public async Task<string> CreateAsync(string name)
    {
        var path = PathOf(name);
        Delete(name);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllBytes(path, []);
        try
        {
            await OnOwnThreadAsync(() =>
            {
                NamespaceSyscalls.UnshareNetwork();
                NamespaceSyscalls.BindMount("/proc/thread-self/ns/net", path);
                NamespaceSyscalls.BringLoopbackUp();
                return true;
            }).ConfigureAwait(false);
        }
        catch
        {
            DeletePath(path); // unmounts first when the failure came after the bind mount
            throw;
        }
        return path;
    }

    /// <summary>Unmounts and removes the namespace file. Absent, unmounted or half-made: all fine.</summary>
    public void Delete(string name) => DeletePath(PathOf(name));

    /// <summary>Like <see cref="Delete"/>, by path.</summary>
    public static void DeletePath(string path)
    {
        // A file may carry stacked mounts (a crash between two creates); peel them all.
        for (var i = 0; i < 16; i++)
        {
            var errno = NamespaceSyscalls.DetachMount(path);
            if (errno == 0) continue;
            if (errno is NamespaceSyscalls.EINVAL or NamespaceSyscalls.ENOENT) break; // not a mount point / gone
            throw NamespaceSyscalls.Failure($"umount {path}", errno);
        }
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // No namespace directory at all (a fresh exec root after a reboot): nothing to remove.
        }
    }

    /// <summary>Whether <paramref name="path"/> is a live namespace (a mounted namespace file).</summary>
    public static bool IsNamespace(string path) => NamespaceSyscalls.IsNamespaceFile(path);

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread that has joined the namespace at
    /// <paramref name="path"/>; the thread ends with it. Sockets made inside stay in that namespace.
    /// </summary>
    public static Task<T> RunInsideAsync<T>(string path, Func<T> action) => OnOwnThreadAsync(() =>
    {
        using (var ns = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
            NamespaceSyscalls.SetNetwork((int)ns.DangerousGetHandle());
        return action();
    });

    private static Task<T> OnOwnThreadAsync<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "berth-netns",
        };
        thread.Start();
        return done.Task;
    }
}
