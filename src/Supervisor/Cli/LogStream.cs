using System.Buffers.Binary;

namespace Berth.Supervisor.Cli;

/// <summary>Reads Docker's log/attach stream: 8-byte-framed stdout/stderr, or raw bytes for a TTY, into two writers.</summary>
internal static class LogStream
{
    public static async Task CopyAsync(Stream source, bool raw, Stream stdout, Stream stderr, CancellationToken cancel = default)
    {
        if (raw) { await source.CopyToAsync(stdout, cancel); await stdout.FlushAsync(cancel); return; }
        var header = new byte[8];
        while (await ReadExactlyOrEndAsync(source, header, cancel))
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[size];
            if (!await ReadExactlyOrEndAsync(source, payload, cancel)) break;
            var target = header[0] == 2 ? stderr : stdout;
            await target.WriteAsync(payload, cancel);
            await target.FlushAsync(cancel);
        }
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream source, byte[] buffer, CancellationToken cancel)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await source.ReadAsync(buffer.AsMemory(read), cancel);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
