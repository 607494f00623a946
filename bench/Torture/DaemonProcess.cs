using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Berth.Torture;

/// <summary>
/// The one berth daemon this program starts, on its own roots. It is only ever signalled by the pid
/// it was started as: SIGKILL for the torture, SIGTERM for the final stop.
/// </summary>
internal sealed partial class DaemonProcess(string daemonPath, TortureRoots roots, string? subnet)
{
    private Process? _process;

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public async Task StartAsync(UnixHttp http)
    {
        // exec keeps the pid the daemon's own, so Kill hits the daemon and not a shell.
        var info = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c", "exec \"$0\" \"$@\" >>" + roots.DaemonOutput + " 2>&1", daemonPath,
                "--data-root", roots.DataRoot, "--exec-root", roots.ExecRoot, "-H", "unix://" + roots.Socket,
                "--log-level", "debug",
            },
            UseShellExecute = false,
        };
        if (subnet is not null)
        {
            info.ArgumentList.Add("--bip");
            info.ArgumentList.Add(subnet);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start berth-daemon");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"berth-daemon exited with {_process.ExitCode}; see {roots.DaemonOutput}");
            if (await http.PingAsync()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("berth-daemon did not answer /_ping within 90 s");
    }

    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: false);
        await p.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait; SIGKILL if it does not go within 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        _ = Kill(p.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
