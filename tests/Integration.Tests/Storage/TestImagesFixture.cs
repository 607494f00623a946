using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Berth.Integration.Tests.Storage;

/// <summary>
/// Runs <c>scripts/make-test-images.sh</c> once for the storage tests: busybox-rootfs.tar,
/// busybox-docker.tar, busybox-oci.tar and the expected ids (IDS) in a private directory.
/// </summary>
public sealed class TestImagesFixture : IAsyncLifetime
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("berth-test-images-").FullName;

    public string RootfsTar => Path.Join(Dir, "busybox-rootfs.tar");
    public string DockerArchive => Path.Join(Dir, "busybox-docker.tar");
    public string OciArchive => Path.Join(Dir, "busybox-oci.tar");

    /// <summary>IDS: <c>busybox:latest</c>, <c>berth-test/app:1</c> → image id; <c>base-diff-id</c>, <c>app-diff-id</c>.</summary>
    public IReadOnlyDictionary<string, string> Ids { get; private set; } = new Dictionary<string, string>();

    public string BusyboxId => Ids["busybox:latest"];
    public string AppId => Ids["berth-test/app:1"];
    public string BaseDiffId => Ids["base-diff-id"];
    public string AppDiffId => Ids["app-diff-id"];

    public async Task InitializeAsync()
    {
        var script = Path.Join(RepoRoot(), "scripts", "make-test-images.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, Dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"make-test-images.sh failed ({process.ExitCode}): {await stderr}");
        Ids = File.ReadAllLines(Path.Join(Dir, "IDS"))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The repository root: from BERTH_REPO, else from where this file was compiled.</summary>
    private static string RepoRoot([CallerFilePath] string thisFile = "") =>
        Environment.GetEnvironmentVariable("BERTH_REPO") is { Length: > 0 } repo
            ? repo
            : Path.GetFullPath(Path.Join(Path.GetDirectoryName(thisFile), "..", "..", ".."));
}
