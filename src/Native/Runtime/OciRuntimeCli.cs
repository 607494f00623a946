using Berth.Native.Processes;

namespace Berth.Native.Runtime;

/// <summary>
/// One OCI runtime binary (crun or runc) driven through its runc-compatible command line, always
/// with berth's own <c>--root</c>. Errors carry the runtime's stderr and a kind read from it.
/// </summary>
internal sealed class OciRuntimeCli(string name, string path, string stateRoot)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public string StateRoot { get; } = stateRoot;

    /// <summary>Does this runtime hold state for the container? Both keep a directory per id under their root.</summary>
    public bool Knows(string containerId) => Directory.Exists(System.IO.Path.Combine(StateRoot, containerId));

    public Task StartAsync(string containerId, CancellationToken cancellationToken) =>
        RunAsync("start", containerId, ["start", containerId], cancellationToken);

    public Task KillAsync(string containerId, int signal, CancellationToken cancellationToken) =>
        RunAsync("kill", containerId, ["kill", containerId, signal.ToString()], cancellationToken);

    public Task PauseAsync(string containerId, CancellationToken cancellationToken) =>
        RunAsync("pause", containerId, ["pause", containerId], cancellationToken);

    public Task ResumeAsync(string containerId, CancellationToken cancellationToken) =>
        RunAsync("resume", containerId, ["resume", containerId], cancellationToken);

    /// <summary>Applies the resources in <paramref name="resourcesFile"/> (an OCI linux.resources object) to the running container.</summary>
    public Task UpdateAsync(string containerId, string resourcesFile, CancellationToken cancellationToken) =>
        RunAsync("update", containerId, ["update", "--resources", resourcesFile, containerId], cancellationToken);

    /// <summary>Kills whatever still runs (SIGKILL), removes the cgroup and the runtime state. A missing container is fine.</summary>
    public async Task DeleteAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("delete", containerId, ["delete", "--force", containerId], cancellationToken).ConfigureAwait(false);
        }
        catch (RuntimeException e) when (e.Kind == RuntimeErrorKind.NotFound)
        {
        }
    }

    private async Task RunAsync(string operation, string containerId, string[] args, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StateRoot);
        var result = await ProcessRunner.RunAsync(new ProcessStartSpec(Path, ["--root", StateRoot, .. args]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new RuntimeException(operation, $"{Name} {operation} {containerId} exited with {result.ExitCode}", result.Stderr, Classify(result.Stderr));
    }

    /// <summary>
    /// Reads the error kind from what crun ("error opening file `…/status`", "is not running",
    /// "open pidfd: No such process") or runc ("container does not exist", "container not running",
    /// "cannot start a container that has stopped") printed.
    /// </summary>
    public static RuntimeErrorKind Classify(string stderr)
    {
        if (stderr.Contains("does not exist", StringComparison.Ordinal)
            || (stderr.Contains("/status`", StringComparison.Ordinal) && stderr.Contains("No such file or directory", StringComparison.Ordinal)))
            return RuntimeErrorKind.NotFound;
        if (stderr.Contains("not running", StringComparison.Ordinal)
            || stderr.Contains("No such process", StringComparison.Ordinal)
            || stderr.Contains("has stopped", StringComparison.Ordinal))
            return RuntimeErrorKind.NotRunning;
        return RuntimeErrorKind.Failed;
    }
}
