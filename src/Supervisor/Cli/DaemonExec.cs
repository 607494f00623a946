using System.Runtime.InteropServices;

namespace Berth.Supervisor.Cli;

/// <summary>
/// <c>berth daemon FLAGS</c>: this process becomes <c>berth-daemon FLAGS</c>, the host agent installed next
/// to the client. execv keeps the pid, so systemd, a supervisor or a test that started <c>berth daemon</c>
/// tracks the daemon itself; the client ships Native AOT while the daemon runs on the JIT.
/// </summary>
internal static partial class DaemonExec
{
    public const string FileName = "berth-daemon";

    private const int SigPipe = 13;

    /// <summary>Returns only when the daemon could not be started: the exit code, after saying why.</summary>
    public static int Run(IReadOnlyList<string> flags, TextWriter errors)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            errors.WriteLine($"berth: cannot run the daemon: {path} is missing (install berth-daemon next to berth)");
            return 127;
        }
        // The runtime ignores SIGPIPE, and an ignored signal stays ignored across exec: give the daemon,
        // and the containers it starts, the default that a directly started process gets.
        Signal(SigPipe, 0);
        string?[] argv = [path, .. flags, null];
        Execv(path, argv);
        errors.WriteLine($"berth: cannot run the daemon {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return 126;
    }

    [LibraryImport("libc.so.6", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execv(string path, string?[] argv);

    [LibraryImport("libc.so.6", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);
}
