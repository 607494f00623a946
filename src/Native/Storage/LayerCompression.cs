using System.IO.Compression;

namespace Berth.Native.Storage;

/// <summary>
/// Opens a layer blob as an uncompressed tar stream, deciding by its magic bytes, not by a media
/// type a tar may lie about: plain tar and gzip are read; zstd, bzip2 and xz are refused by name.
/// </summary>
internal static class LayerCompression
{
    private static readonly byte[] Gzip = [0x1f, 0x8b];
    private static readonly byte[] Zstd = [0x28, 0xb5, 0x2f, 0xfd];
    private static readonly byte[] Bzip2 = [(byte)'B', (byte)'Z', (byte)'h'];
    private static readonly byte[] Xz = [0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    /// <summary>
    /// Wraps <paramref name="blob"/> in a decompressor if it needs one. Disposing the result
    /// disposes <paramref name="blob"/> unless <paramref name="leaveOpen"/>.
    /// </summary>
    public static async Task<Stream> OpenAsync(Stream blob, bool leaveOpen, CancellationToken cancellationToken)
    {
        var head = new byte[6];
        var n = 0;
        while (n < head.Length)
        {
            var read = await blob.ReadAsync(head.AsMemory(n), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            n += read;
        }
        var magic = head.AsSpan(0, n);
        Stream whole = new PrefixedStream(head[..n], blob, leaveOpen);
        if (magic.StartsWith(Gzip)) return new GZipStream(whole, CompressionMode.Decompress);
        var unsupported = magic.StartsWith(Zstd) ? "zstd" : magic.StartsWith(Bzip2) ? "bzip2" : magic.StartsWith(Xz) ? "xz" : null;
        if (unsupported is null) return whole;
        await whole.DisposeAsync().ConfigureAwait(false);
        throw new StorageException(StorageErrorKind.InvalidParameter,
            $"layer is {unsupported}-compressed; berth reads uncompressed and gzip layers");
    }

    /// <summary>The bytes already read to sniff the format, then the rest of the blob.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest, bool leaveOpen) : Stream
    {
        private int _offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset >= prefix.Length) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, prefix.Length - _offset);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _offset >= prefix.Length ? rest.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
