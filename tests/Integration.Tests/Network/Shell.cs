using System.Diagnostics;

namespace Berth.Integration.Tests.Network;

/// <summary>Runs host tools (ip, nsenter, iptables-save, busybox) for the network tests.</summary>
internal static class Shell
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static async Task<Result> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and requires exit 0; returns stdout.</summary>
    public static async Task<string> CheckedAsync(string program, params string[] args)
    {
        var result = await RunAsync(program, args);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {result.ExitCode}: {result.Output}");
        return result.Stdout;
    }

    /// <summary>Runs a command inside the network namespace file <paramref name="netns"/>.</summary>
    public static Task<Result> InNetnsAsync(string netns, string program, params string[] args) =>
        RunAsync("/usr/bin/nsenter", ["--net=" + netns, "--", program, .. args]);
}
