using System.Runtime.InteropServices;

namespace Berth.Supervisor.Cli;

/// <summary>
/// The CLI's side of an attached container or exec: output to this process's stdout/stderr (raw for
/// a TTY, else Docker's framing), this process's stdin to the stream with a half-close at its end,
/// and — with a TTY on a terminal — raw mode plus a resize on every SIGWINCH, as docker does.
/// </summary>
internal static class AttachedSession
{
    /// <summary>Runs until the output ends (the process exited).</summary>
    public static async Task RunAsync(HijackClient hijack, bool tty, bool stdin, Func<int, int, Task>? resize)
    {
        using var raw = tty && stdin ? RawTerminal.Enter(0) : null;
        using var winch = tty && resize is not null ? PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context => { context.Cancel = true; _ = Resize(resize); }) : null;
        if (tty && resize is not null) await Resize(resize);
        if (stdin) _ = Task.Run(() => PumpStdinAsync(hijack));
        await LogStream.CopyAsync(hijack.Stream, tty, Console.OpenStandardOutput(), Console.OpenStandardError());
    }

    /// <summary>The local terminal's size, or null when stdout is not a terminal.</summary>
    public static (int Height, int Width)? TerminalSize()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowHeight <= 0 ? null : (Console.WindowHeight, Console.WindowWidth);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task Resize(Func<int, int, Task> resize)
    {
        if (TerminalSize() is not { } size) return;
        try
        {
            await resize(size.Height, size.Width);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or IOException)
        {
            // As docker: a failed resize is not worth ending the session for.
        }
    }

    private static async Task PumpStdinAsync(HijackClient hijack)
    {
        var input = Console.OpenStandardInput();
        var buffer = new byte[8192];
        try
        {
            while (await input.ReadAsync(buffer) is var n and > 0)
            {
                await hijack.Stream.WriteAsync(buffer.AsMemory(0, n));
                await hijack.Stream.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return;
        }
        hijack.CloseWrite();
    }
}
