namespace Berth.Native.Runtime;

/// <summary>
/// Resolves a program name to an absolute path the way a shell would, but also looking in the sbin
/// directories: runc lives in /usr/sbin on Debian, which a non-login root environment may not have on $PATH.
/// </summary>
internal static class ExecutableLocator
{
    private const string Fallback = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static string? Find(string name, string? searchPath = null)
    {
        if (Path.IsPathFullyQualified(name)) return IsExecutable(name) ? name : null;
        var dirs = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return dirs.Concat(Fallback.Split(':'))
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>A regular file this process may execute (access(2) with X_OK).</summary>
    public static unsafe bool IsExecutable(string path)
    {
        if (!File.Exists(path) || path.Contains('\0')) return false;
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes) return Tmds.Linux.LibC.access(p, Tmds.Linux.LibC.X_OK) == 0;
    }
}
