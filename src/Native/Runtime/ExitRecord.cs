namespace Berth.Native.Runtime;

/// <summary>
/// What conmon leaves behind when the init process ends: the exit file (the status, 128+signal for
/// a signal) and, when the memory cgroup killed something, an empty oom file. conmon writes the
/// exit file by rename, so it is either absent or complete; its mtime is when the process ended,
/// which stays true when the daemon reads it hours later at recovery.
/// </summary>
internal static class ExitRecord
{
    public static TaskExit? TryRead(TaskPaths paths)
    {
        string text;
        DateTime written;
        try
        {
            text = File.ReadAllText(paths.ExitFile);
            written = File.GetLastWriteTimeUtc(paths.ExitFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (!int.TryParse(text.Trim(), out var code))
            throw new RuntimeException("read exit status", $"unreadable exit file {paths.ExitFile}: '{text.Trim()}'");
        return new TaskExit(code, File.Exists(paths.OomFile), new DateTimeOffset(written, TimeSpan.Zero));
    }

    /// <summary>Removes what a previous run left, so a new run's watch cannot mistake an old exit for its own.</summary>
    public static void Clear(TaskPaths paths)
    {
        foreach (var file in new[] { paths.ExitFile, paths.OomFile, paths.PidFile, paths.MonitorPidFile })
            File.Delete(file);
    }
}
