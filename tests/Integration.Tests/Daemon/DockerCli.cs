using System.Diagnostics;

namespace Berth.Integration.Tests.Daemon;

/// <summary>The real docker CLI (/usr/local/bin/docker) pointed at a berth daemon's socket, with a private config dir.</summary>
internal sealed class DockerCli(string socket, string configDir)
{
    public const string Program = "/usr/local/bin/docker";

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public async Task<Result> RunAsync(string[] args, byte[]? stdin = null, string? workDir = null)
    {
        var info = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workDir ?? configDir,
        };
        info.Environment["DOCKER_HOST"] = "unix://" + socket;
        info.Environment["DOCKER_CONFIG"] = configDir;
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"docker {string.Join(' ', args)} hung"); }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and requires exit 0; returns stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }
}
