namespace Berth.Native.Processes;

/// <summary>Runs a short-lived program to completion: the runtime's start/kill/pause/delete calls and the like.</summary>
public static class ProcessRunner
{
    /// <summary>Runs the program and returns how it ended, whatever the exit code.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartSpec spec, CancellationToken cancellationToken)
    {
        using var child = ChildProcess.Start(spec);
        return await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the program; a non-zero exit is a <see cref="ProcessFailedException"/> carrying its stderr.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(ProcessStartSpec spec, CancellationToken cancellationToken)
    {
        var result = await RunAsync(spec, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result : throw new ProcessFailedException(spec.Describe(), result);
    }
}
