using System.Text;
using Tmds.Linux;

namespace Berth.Native.Runtime;

/// <summary>
/// conmon's control fifo (<c>&lt;dir&gt;/ctl</c>): a line <c>1 &lt;height&gt; &lt;width&gt;</c> resizes the
/// process's terminal. conmon holds a writer of its own, so an open never blocks.
/// </summary>
internal static class ConmonControl
{
    private const int WindowResize = 1;

    public static unsafe void Resize(string directory, int height, int width)
    {
        // Clients send 0x0 before they know their size; there is nothing to apply.
        if (height == 0 || width == 0) return;
        if (height < 0 || width < 0 || height > ushort.MaxValue || width > ushort.MaxValue)
            throw new RuntimeException("resize", $"invalid terminal size {height}x{width}", kind: RuntimeErrorKind.InvalidArgument);
        var path = Encoding.UTF8.GetBytes(Path.Combine(directory, "ctl") + "\0");
        var line = Encoding.ASCII.GetBytes($"{WindowResize} {height} {width}\n");
        int fd;
        fixed (byte* p = path)
            fd = LibC.open(p, LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0)
            throw new RuntimeException("resize", $"the monitor's control fifo in {directory} is gone", kind: RuntimeErrorKind.NotRunning);
        try
        {
            fixed (byte* l = line)
            {
                if (LibC.write(fd, l, line.Length) != line.Length)
                    throw new RuntimeException("resize", "the monitor did not take the resize request");
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
