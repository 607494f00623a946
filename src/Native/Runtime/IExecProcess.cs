namespace Berth.Native.Runtime;

/// <summary>
/// An exec process under its own monitor, launched and waiting to be started: attach first (so no
/// output is missed), then start, then wait for its exit. Disposing releases the monitor's pipes and,
/// once the process ended, its files.
/// </summary>
public interface IExecProcess : IAsyncDisposable
{
    /// <summary>Connects to the process's stdio; valid until the process ends.</summary>
    Task<IAttachStream> AttachAsync(CancellationToken cancellationToken);

    /// <summary>Lets the runtime run the process; returns its pid (host namespace).</summary>
    Task<int> StartAsync(CancellationToken cancellationToken);

    /// <summary>Completes with the process's exit code.</summary>
    Task<int> WaitAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="signal"/> to the started process unless it has already exited (a health probe past its timeout).</summary>
    void Kill(int signal);

    /// <summary>Resizes the process's terminal (TTY execs only).</summary>
    void Resize(int height, int width);
}
