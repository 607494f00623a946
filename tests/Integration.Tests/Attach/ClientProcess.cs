using System.Diagnostics;

namespace Berth.Integration.Tests.Attach;

/// <summary>Runs a client program (the berth CLI, the docker CLI, python with docker-py) against a test daemon's socket.</summary>
internal static class ClientProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Berth => Path.Combine(AppContext.BaseDirectory, "berth");

    public const string Docker = "/usr/local/bin/docker";

    public static async Task<Result> RunAsync(string socket, string program, IReadOnlyList<string> args, string? stdin = null)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOCKER_HOST"] = "unix://" + socket;
        info.Environment["BERTH_HOST"] = "unix://" + socket;
        info.Environment["DOCKER_CONFIG"] = Path.Combine(Path.GetDirectoryName(socket)!, "docker-config");
        using var process = Process.Start(info)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Runs a command line inside a pseudo-terminal (util-linux script), as a user at a terminal would: exit code passed through.</summary>
    public static Task<Result> InTerminalAsync(string socket, string commandLine) =>
        RunAsync(socket, "/usr/bin/script", ["-qefc", $"stty cols 100 rows 30; {commandLine}", "/dev/null"]);
}
