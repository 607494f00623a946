namespace Berth.Native.Archive;

/// <summary>
/// Reads exactly <c>length</c> bytes of a file whose size was taken for the tar header: a file that
/// grows meanwhile is cut, one that shrinks is padded with zeros, so the header never lies. It
/// claims to seek so TarWriter takes its length from it (the archive is a network stream); it
/// never moves but forward by reading.
/// </summary>
internal sealed class LengthLimitedStream(Stream inner, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var want = (int)Math.Min(count, length - _position);
        if (want <= 0) return 0;
        var n = inner.Read(buffer, offset, want);
        if (n == 0)
        {
            Array.Clear(buffer, offset, want);
            n = want;
        }
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset };
        return target == _position ? _position : throw new NotSupportedException("the file is read once, forward");
    }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
