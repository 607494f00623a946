using Berth.Native.Runtime;

namespace Berth.Actors.Hosting;

/// <summary>
/// A live connection to a container's or an exec's stdio, as the API streams it: output chunks
/// tagged stdout/stderr (a TTY's output is all stdout), a stdin to write to and half-close. Ends
/// once the process has exited and everything it wrote was read. Owned by whoever received it.
/// </summary>
public sealed class ContainerStream(IAttachStream inner) : IAsyncDisposable
{
    /// <summary>Reads the next output chunk; <c>Count</c> 0 = the end.</summary>
    public async ValueTask<(bool IsStderr, int Count)> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return (read.Stream == AttachStreamKind.Stderr, read.Count);
    }

    public ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        inner.WriteStdinAsync(data, cancellationToken);

    /// <summary>The client's stdin ended: the process's stdin closes unless the container keeps it open.</summary>
    public void CloseStdin() => inner.CloseStdin();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
