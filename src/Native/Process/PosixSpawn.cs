using System.Runtime.InteropServices;

namespace Berth.Native.Processes;

/// <summary>
/// glibc's posix_spawn, waitpid and friends: the one way berth starts a child. Unlike
/// <see cref="System.Diagnostics.Process"/> it can hand the child descriptors at fixed numbers (conmon
/// reads its sync and start sockets from fds named in its environment), and it starts the child
/// with default signal dispositions and an empty mask — .NET ignores SIGPIPE, and an ignored
/// disposition would otherwise be inherited by conmon and every container process.
/// </summary>
internal static unsafe partial class PosixSpawn
{
    private const string Libc = "libc";
    private const short SetSigDefault = 0x04; // POSIX_SPAWN_SETSIGDEF
    private const short SetSigMask = 0x08;    // POSIX_SPAWN_SETSIGMASK
    private const short SetSid = 0x80;        // POSIX_SPAWN_SETSID (glibc 2.26)
    private const int ORdOnly = 0;
    private const int PPid = 1;               // P_PID
    private const int WExited = 4;            // WEXITED
    private const int WNoWait = 0x01000000;   // WNOWAIT
    private const int SigInfoSize = 128;
    // posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on glibc x86_64/arm64;
    // the buffers are generous so a different libc layout cannot overrun them.
    private const int OpaqueSize = 1024;

    /// <summary>Starts <paramref name="path"/>; each (source, target) pair becomes the child's fd target. Returns the pid.</summary>
    public static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
        IReadOnlyList<(int Source, int Target)> descriptors, bool newSession)
    {
        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var attr = NativeMemory.AllocZeroed(OpaqueSize);
        var strings = new List<IntPtr>();
        try
        {
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(posix_spawnattr_init(attr), "posix_spawnattr_init");
            var highest = 2;
            foreach (var (source, target) in descriptors)
            {
                Check(posix_spawn_file_actions_adddup2(actions, source, target), "posix_spawn_file_actions_adddup2");
                highest = Math.Max(highest, target);
            }
            if (!descriptors.Any(d => d.Target == 0))
                Check(posix_spawn_file_actions_addopen(actions, 0, Utf8("/dev/null", strings), ORdOnly, 0), "posix_spawn_file_actions_addopen");
            TryCloseFrom(actions, highest + 1);

            Tmds.Linux.sigset_t all, none;
            Tmds.Linux.LibC.sigfillset(&all);
            Tmds.Linux.LibC.sigemptyset(&none);
            Check(posix_spawnattr_setsigdefault(attr, &all), "posix_spawnattr_setsigdefault");
            Check(posix_spawnattr_setsigmask(attr, &none), "posix_spawnattr_setsigmask");
            Check(posix_spawnattr_setflags(attr, (short)(SetSigDefault | SetSigMask | (newSession ? SetSid : 0))), "posix_spawnattr_setflags");

            byte** argvp = null, envpp = null;
            try
            {
                argvp = NullTerminated(argv, strings);
                envpp = NullTerminated(envp, strings);
                int pid;
                var error = posix_spawn(&pid, Utf8(path, strings), actions, attr, argvp, envpp);
                if (error != 0) throw new ProcessStartException(path, Marshal.GetPInvokeErrorMessage(error));
                return pid;
            }
            finally
            {
                NativeMemory.Free(argvp);
                NativeMemory.Free(envpp);
            }
        }
        finally
        {
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
        }
    }

    /// <summary>
    /// Blocks until the child ends and reaps it; returns its exit code, or 128+signal when a signal
    /// ended it. <paramref name="beforeReap"/> runs while the child is still a zombie, so whoever
    /// checks it before signalling can never signal a recycled pid.
    /// </summary>
    public static int WaitForExit(int pid, Action beforeReap)
    {
        var info = stackalloc byte[SigInfoSize];
        while (waitid(PPid, pid, info, WExited | WNoWait) < 0) Retry("waitid", pid);
        beforeReap();
        int status;
        while (waitpid(pid, &status, 0) < 0) Retry("waitpid", pid);
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private static void Retry(string call, int pid)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno != Tmds.Linux.LibC.EINTR)
            throw new InvalidOperationException($"{call}({pid}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private static void TryCloseFrom(void* actions, int lowest)
    {
        // glibc 2.34+: nothing but the descriptors we chose reaches the child, even an fd some other
        // library opened without O_CLOEXEC. Older libcs simply rely on CLOEXEC.
        try { _ = posix_spawn_file_actions_addclosefrom_np(actions, lowest); }
        catch (EntryPointNotFoundException) { }
    }

    private static byte** NullTerminated(IReadOnlyList<string> values, List<IntPtr> owned)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < values.Count; i++) array[i] = Utf8(values[i], owned);
        array[values.Count] = null;
        return array;
    }

    private static byte* Utf8(string value, List<IntPtr> owned)
    {
        if (value.Contains('\0')) throw new ArgumentException($"NUL byte in child process argument: {value}");
        var p = Marshal.StringToCoTaskMemUTF8(value);
        owned.Add(p);
        return (byte*)p;
    }

    private static void Check(int error, string call)
    {
        if (error != 0) throw new ProcessStartException(call, Marshal.GetPInvokeErrorMessage(error));
    }

    [LibraryImport(Libc)] private static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);
    [LibraryImport(Libc)] private static partial int posix_spawn_file_actions_init(void* actions);
    [LibraryImport(Libc)] private static partial int posix_spawn_file_actions_destroy(void* actions);
    [LibraryImport(Libc)] private static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);
    [LibraryImport(Libc)] private static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, uint mode);
    [LibraryImport(Libc)] private static partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int from);
    [LibraryImport(Libc)] private static partial int posix_spawnattr_init(void* attr);
    [LibraryImport(Libc)] private static partial int posix_spawnattr_destroy(void* attr);
    [LibraryImport(Libc)] private static partial int posix_spawnattr_setflags(void* attr, short flags);
    [LibraryImport(Libc)] private static partial int posix_spawnattr_setsigdefault(void* attr, Tmds.Linux.sigset_t* set);
    [LibraryImport(Libc)] private static partial int posix_spawnattr_setsigmask(void* attr, Tmds.Linux.sigset_t* set);
    [LibraryImport(Libc, SetLastError = true)] private static partial int waitpid(int pid, int* status, int options);
    [LibraryImport(Libc, SetLastError = true)] private static partial int waitid(int idType, int id, byte* info, int options);
}
