using System.Buffers.Binary;
using Berth.Actors.Hosting;

namespace Berth.Supervisor.Api;

/// <summary>
/// Copies a container's (or exec's) stdio to a hijacked client and back: output in Docker's 8-byte
/// framing ([1=stdout|2=stderr, 0, 0, 0, size big-endian]) or raw with a TTY; the client's input to
/// stdin, its end (half-close) closing stdin. Ends when the process's output ends.
/// </summary>
internal static class StreamPump
{
    public sealed record Wanted(bool Stdin, bool Stdout, bool Stderr, bool Tty);

    public static async Task RunAsync(ContainerStream stream, Stream input, Stream output, Wanted wanted, CancellationToken cancel)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var inputTask = wanted.Stdin ? Task.Run(() => PumpInputAsync(input, stream, done.Token), done.Token) : Task.CompletedTask;
        try
        {
            await PumpOutputAsync(stream, output, wanted, done.Token);
        }
        finally
        {
            await done.CancelAsync();
            try
            {
                await inputTask;
            }
            catch (Exception)
            {
                // The client's side ended with the stream; nothing is left to forward.
            }
        }
    }

    public static async Task WriteFrameAsync(Stream output, bool tty, bool isStderr, ReadOnlyMemory<byte> payload, CancellationToken cancel)
    {
        if (!tty)
        {
            var header = new byte[8];
            header[0] = isStderr ? (byte)2 : (byte)1;
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
            await output.WriteAsync(header, cancel);
        }
        await output.WriteAsync(payload, cancel);
        await output.FlushAsync(cancel);
    }

    private static async Task PumpOutputAsync(ContainerStream stream, Stream output, Wanted wanted, CancellationToken cancel)
    {
        var buffer = new byte[32 * 1024];
        while (true)
        {
            var (isStderr, count) = await stream.ReadAsync(buffer, cancel);
            if (count == 0) return;
            if (isStderr ? !wanted.Stderr : !wanted.Stdout) continue;
            await WriteFrameAsync(output, wanted.Tty, isStderr, buffer.AsMemory(0, count), cancel);
        }
    }

    private static async Task PumpInputAsync(Stream input, ContainerStream stream, CancellationToken cancel)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var n = await input.ReadAsync(buffer, cancel);
            if (n == 0)
            {
                stream.CloseStdin();
                return;
            }
            await stream.WriteStdinAsync(buffer.AsMemory(0, n), cancel);
        }
    }
}
