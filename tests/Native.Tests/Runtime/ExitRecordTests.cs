using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class ExitRecordTests : IDisposable
{
    private readonly TaskPaths _paths;

    public ExitRecordTests()
    {
        var dir = Directory.CreateTempSubdirectory("berth-exit-").FullName;
        _paths = new TaskPaths(dir, Path.Combine(dir, "log"));
    }

    public void Dispose() => Directory.Delete(_paths.BundleDir, recursive: true);

    [Fact]
    public void No_exit_file_means_the_process_has_not_ended()
    {
        Assert.Null(ExitRecord.TryRead(_paths));
    }

    [Fact]
    public void The_exit_file_gives_the_code_and_its_write_time()
    {
        File.WriteAllText(_paths.ExitFile, "137");
        var written = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_paths.ExitFile, written);

        var exit = ExitRecord.TryRead(_paths);

        Assert.Equal(new TaskExit(137, false, new DateTimeOffset(written)), exit);
    }

    [Fact]
    public void An_oom_file_marks_the_exit_as_oom_killed()
    {
        File.WriteAllText(_paths.ExitFile, "137");
        File.WriteAllText(_paths.OomFile, "");

        Assert.True(ExitRecord.TryRead(_paths)!.OomKilled);
    }

    [Fact]
    public void A_garbled_exit_file_is_an_error()
    {
        File.WriteAllText(_paths.ExitFile, "not a number");

        Assert.Throws<RuntimeException>(() => ExitRecord.TryRead(_paths));
    }

    [Fact]
    public void Clearing_removes_a_previous_run_s_files()
    {
        foreach (var file in new[] { _paths.ExitFile, _paths.OomFile, _paths.PidFile, _paths.MonitorPidFile }) File.WriteAllText(file, "1");
        File.WriteAllText(_paths.ConfigFile, "{}");

        ExitRecord.Clear(_paths);
        ExitRecord.Clear(_paths);

        Assert.Null(ExitRecord.TryRead(_paths));
        Assert.Equal(["config.json"], Directory.GetFiles(_paths.BundleDir).Select(Path.GetFileName));
    }
}
