using Tmds.Linux;

namespace Berth.Supervisor.Cli;

/// <summary>
/// Puts a local terminal (the CLI's stdin) in raw mode, as `docker run -t` does, and restores the
/// saved settings on dispose: no echo, no line editing, no signals from ^C — every byte goes to the
/// container, whose own terminal does that work.
/// </summary>
internal sealed class RawTerminal : IDisposable
{
    private readonly int _fd;
    private readonly termios _saved;
    private bool _restored;

    private RawTerminal(int fd, termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Is <paramref name="fd"/> a terminal?</summary>
    public static bool IsTerminal(int fd) => LibC.isatty(fd) == 1;

    /// <summary>Raw mode on <paramref name="fd"/>; null when it is not a terminal.</summary>
    public static unsafe RawTerminal? Enter(int fd = 0)
    {
        termios saved;
        if (LibC.tcgetattr(fd, &saved) != 0) return null;
        var raw = saved;
        // cfmakeraw's settings.
        raw.c_iflag &= ~(LibC.IGNBRK | LibC.BRKINT | LibC.PARMRK | LibC.ISTRIP | LibC.INLCR | LibC.IGNCR | LibC.ICRNL | LibC.IXON);
        raw.c_oflag &= ~LibC.OPOST;
        raw.c_lflag &= ~(LibC.ECHO | LibC.ECHONL | LibC.ICANON | LibC.ISIG | LibC.IEXTEN);
        raw.c_cflag &= ~(LibC.CSIZE | LibC.PARENB);
        raw.c_cflag |= LibC.CS8;
        raw.c_cc[LibC.VMIN] = 1;
        raw.c_cc[LibC.VTIME] = 0;
        if (LibC.tcsetattr(fd, (int)LibC.TCSANOW, &raw) != 0) return null;
        return new RawTerminal(fd, saved);
    }

    public unsafe void Dispose()
    {
        if (_restored) return;
        _restored = true;
        var saved = _saved;
        LibC.tcsetattr(_fd, (int)LibC.TCSANOW, &saved);
    }
}
