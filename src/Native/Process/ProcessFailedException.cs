namespace Berth.Native.Processes;

/// <summary>A child ran and exited non-zero. Carries its stderr, which is usually the only real explanation.</summary>
public sealed class ProcessFailedException(string commandLine, ProcessResult result)
    : Exception($"{commandLine} exited with {result.ExitCode}: {Summarize(result)}")
{
    public string CommandLine { get; } = commandLine;
    public int ExitCode { get; } = result.ExitCode;
    public string Stdout { get; } = result.Stdout;
    public string Stderr { get; } = result.Stderr;

    private static string Summarize(ProcessResult result)
    {
        var text = (string.IsNullOrWhiteSpace(result.Stderr) ? result.Stdout : result.Stderr).Trim();
        return text.Length == 0 ? "(no output)" : text;
    }
}
