namespace Berth.Supervisor.Cli;

/// <summary>A client-side error the user caused (bad flag, missing argument): printed, exit code as docker's.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
