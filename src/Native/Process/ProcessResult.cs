namespace Berth.Native.Processes;

/// <summary>How a child ended: exit code (128+signal when a signal ended it) and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
