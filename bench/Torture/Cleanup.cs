namespace Berth.Torture;

/// <summary>
/// Leaves the host as the run found it, whatever went wrong: the daemon stopped (SIGKILL by its pid if
/// it will not stop), the containers' processes it started ended, mounts under the roots unmounted,
/// cgroups of its containers removed, the roots deleted and the bridge address it added taken off.
/// </summary>
internal sealed class Cleanup(TortureRoots roots, HostScan scan, History history, DaemonProcess daemon)
{
    public async Task RunAsync(BridgeAddress? addedAddress)
    {
        await daemon.StopAsync();
        // Anything still alive was started for this run's containers: its conmons and their cgroups' members.
        foreach (var (pid, _) in scan.Conmons()) Signal(pid);
        foreach (var id in history.Known)
        {
            // A frozen task keeps a SIGKILL pending until it is thawed, and its cgroup could never be removed.
            foreach (var pid in scan.CgroupPids(id)) Signal(pid);
            scan.Thaw(id);
        }
        await Task.Delay(500);
        foreach (var netns in scan.NetnsFiles()) Unmount(Path.Combine(roots.NetnsDir, netns));
        foreach (var mount in scan.MountsUnderRoot()) Unmount(mount);
        foreach (var dir in scan.CgroupDirs(history.Known).OrderByDescending(d => d.Length))
        {
            try { Directory.Delete(dir); } catch (IOException) { }
        }
        try
        {
            Directory.Delete(roots.Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"cleanup: could not delete {roots.Root}: {e.Message}");
        }
        if (addedAddress is not null) await addedAddress.RemoveAsync();
    }

    private static void Signal(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static void Unmount(string target)
    {
        // MNT_DETACH: a busy mount still leaves the namespace, so the directory can go.
        if (Native.Umount2(target, 2) != 0) Console.WriteLine($"cleanup: umount {target} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
    }
}
