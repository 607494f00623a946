namespace Berth.Native.Runtime;

/// <summary>
/// A live connection to a process's stdio held by its monitor (conmon's attach socket): output
/// chunks tagged with their stream, and a stdin that can be written to and closed. Ends (a read of
/// zero bytes) when the monitor closes it, which it does once the process has exited.
/// </summary>
public interface IAttachStream : IAsyncDisposable
{
    /// <summary>Reads the next output chunk into <paramref name="buffer"/>; <c>Count</c> 0 = the end.</summary>
    ValueTask<AttachRead> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Sends bytes to the process's stdin (dropped by the monitor when stdin was not opened).</summary>
    ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Half-closes: the monitor closes the process's stdin unless it was told to keep it open.</summary>
    void CloseStdin();
}

/// <summary>Which stream an output chunk came from.</summary>
public enum AttachStreamKind { Stdout = 1, Stderr = 2 }

/// <summary>One output chunk: its stream and how many bytes were placed in the caller's buffer.</summary>
public readonly record struct AttachRead(AttachStreamKind Stream, int Count)
{
    public static readonly AttachRead End = new(AttachStreamKind.Stdout, 0);
}
