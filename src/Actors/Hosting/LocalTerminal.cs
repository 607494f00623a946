using Berth.Native.Terminal;

namespace Berth.Actors.Hosting;

/// <summary>The CLI's own terminal in raw mode while it is attached to a TTY container; restored on dispose.</summary>
public sealed class LocalTerminal : IDisposable
{
    private readonly RawTerminal _raw;

    private LocalTerminal(RawTerminal raw) => _raw = raw;

    /// <summary>Is the CLI's stdin a terminal?</summary>
    public static bool StdinIsTerminal => RawTerminal.IsTerminal(0);

    /// <summary>Raw mode on stdin; null when stdin is not a terminal.</summary>
    public static LocalTerminal? EnterRawMode() => RawTerminal.Enter(0) is { } raw ? new LocalTerminal(raw) : null;

    public void Dispose() => _raw.Dispose();
}
