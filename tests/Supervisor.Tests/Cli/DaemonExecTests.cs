using System.Diagnostics;

namespace Berth.Supervisor.Tests.Cli;

/// <summary><c>berth daemon …</c> runs the client's process as <c>berth-daemon …</c>, found next to the client.</summary>
public sealed class DaemonExecTests
{
    [Fact]
    public async Task Berth_daemon_hands_its_flags_to_berth_daemon()
    {
        var result = await RunAsync(AppContext.BaseDirectory, "daemon", "--no-such-flag");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("berth daemon: unknown flag --no-such-flag for berth daemon", result.Stderr);
    }

    [Fact]
    public async Task Berth_daemon_without_berth_daemon_next_to_it_says_what_is_missing()
    {
        var folder = Directory.CreateTempSubdirectory("berth-client-alone-");
        try
        {
            // The client's own files, without the daemon's.
            foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            {
                var name = Path.GetFileName(file);
                if (name is "berth" or "berth.dll" or "berth.runtimeconfig.json" or "berth.deps.json" or "Berth.Protocol.dll")
                    File.Copy(file, Path.Combine(folder.FullName, name));
            }
            var result = await RunAsync(folder.FullName, "daemon");

            Assert.Equal(127, result.ExitCode);
            Assert.Contains($"{Path.Combine(folder.FullName, "berth-daemon")} is missing", result.Stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stderr)> RunAsync(string folder, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(folder, "berth")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }
}
