using Berth.Native.Processes;

namespace Berth.Integration.Tests.Runtime;

/// <summary>
/// A throwaway root filesystem: the host's static busybox with its applets as symlinks, catatonit
/// as an init (to show signals reaching a process that is not pid 1), and an /etc/passwd with a
/// non-root user.
/// </summary>
public static class BusyboxRootfs
{
    public const string Busybox = "/bin/busybox";
    public const string Catatonit = "/usr/bin/catatonit";

    public static string Create(string dir)
    {
        foreach (var sub in new[] { "bin", "sbin", "proc", "sys", "dev", "etc", "tmp", "home/app" })
            Directory.CreateDirectory(Path.Combine(dir, sub));
        File.Copy(Busybox, Path.Combine(dir, "bin", "busybox"));
        // Static binaries only: the rootfs has no libc. Every applet becomes /bin/<name> -> /bin/busybox.
        foreach (var applet in Applets())
        {
            var link = Path.Combine(dir, "bin", applet);
            if (!File.Exists(link)) File.CreateSymbolicLink(link, "busybox");
        }
        File.Copy(Catatonit, Path.Combine(dir, "sbin", "catatonit"));
        File.WriteAllText(Path.Combine(dir, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(dir, "etc", "group"), "root:x:0:\napp:x:1000:\nstaff:x:50:app\n");
        return dir;
    }

    private static IEnumerable<string> Applets()
    {
        var list = ProcessRunner.RunCheckedAsync(new ProcessStartSpec(Busybox, ["--list"]), CancellationToken.None).GetAwaiter().GetResult();
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.Contains('/') && a != "busybox");
    }
}
