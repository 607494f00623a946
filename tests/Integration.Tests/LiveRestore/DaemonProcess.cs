using System.Diagnostics;
using System.Text;
using Berth.Supervisor.Cli;
using Tmds.Linux;

namespace Berth.Integration.Tests.LiveRestore;

/// <summary>
/// The real <c>berth daemon</c> executable as a child process on temporary roots, so a test can
/// kill it with SIGKILL the way an operator or the OOM killer would, and start it again on the same
/// data root. Disposal removes every container it made and, if the daemon cannot do that any more,
/// ends the monitors it started (by pid) and unmounts what is left under its roots.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly string _root;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public DaemonProcess()
    {
        // Short: conmon's attach socket path must stay under 108 bytes.
        _root = Path.Combine("/tmp", "bk" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(ExecRoot);
        Client = new ApiClient(SocketPath);
    }

    internal ApiClient Client { get; }
    public string DataRoot => Path.Combine(_root, "data");
    public string ExecRoot => Path.Combine(_root, "run");
    public string SocketPath => Path.Combine(ExecRoot, "berth.sock");
    public int Pid => _process?.Id ?? throw new InvalidOperationException("the daemon is not running");

    /// <summary>What the daemon printed so far; attached to failures.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "berth"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { "daemon", "--data-root", DataRoot, "--exec-root", ExecRoot, "-H", "unix://" + SocketPath, "--log-level", "warn" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("berth daemon did not start");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await WaitForPingAsync(process);
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    private async Task WaitForPingAsync(Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"berth daemon exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var ping = await Client.SendAsync(HttpMethod.Get, "/_ping");
                if (ping.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (CliException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"berth daemon did not answer /_ping within 60 s:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code of the daemon runs.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the daemon is not running");
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM, the way systemd stops a service; waits for the daemon to exit.</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the daemon is not running");
        _ = LibC.kill(process.Id, LibC.SIGTERM);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_process is null) await StartAsync();
            var rows = await Client.GetJsonAsync("/containers/json?all=1", Berth.Supervisor.Api.Models.ApiJson.Default.ListApiContainerSummary);
            foreach (var row in rows) await Client.DeleteAsync($"/containers/{row.Id}?force=1");
        }
        catch (Exception)
        {
            // The daemon could not clean up after itself; the fallback below still does.
        }
        finally
        {
            if (_process is not null) await StopAsync();
            Client.Dispose();
            EndMonitorsUnder(_root);
            UnmountUnder(_root);
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>
    /// conmon processes this daemon started carry its exec root in their command line; each is the
    /// subreaper of its container's init, so the init is its child.
    /// </summary>
    private static void EndMonitorsUnder(string root)
    {
        foreach (var monitor in Process.GetProcessesByName("conmon"))
        {
            try
            {
                if (!File.ReadAllText($"/proc/{monitor.Id}/cmdline").Contains(root, StringComparison.Ordinal)) continue;
                foreach (var child in ChildrenOf(monitor.Id)) _ = LibC.kill(child, LibC.SIGKILL);
                _ = LibC.kill(monitor.Id, LibC.SIGKILL);
            }
            catch (IOException) { }
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) == parent) yield return pid;
        }
    }

    private static void UnmountUnder(string root)
    {
        var mountPoints = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4])
            .Where(point => point.StartsWith(root, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mountPoints) Berth.Native.Storage.Mounts.Unmount(point);
    }
}
