using System.Diagnostics;

namespace Berth.Torture;

/// <summary>The outcome of one `berth` client invocation.</summary>
internal sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string Output, bool Hung)
{
    public bool Succeeded => ExitCode == 0 && !Hung;
    public override string ToString() => $"berth {string.Join(' ', Args)} -> {(Hung ? "HUNG" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Output.Trim()}";
}

/// <summary>Runs the real `berth` CLI against the torture daemon's socket; a client that hangs is killed by its pid.</summary>
internal sealed class CliRunner(string cliPath, string socket)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(cliPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["BERTH_HOST"] = "unix://" + socket;
        info.Environment.Remove("DOCKER_HOST");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start berth");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        var hung = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            hung = true;
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
        var text = (await stdout) + (await stderr);
        return new CliResult(args, process.ExitCode, text.Length > 300 ? text[..300] : text, hung);
    }
}
