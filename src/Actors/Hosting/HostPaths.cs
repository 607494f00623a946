namespace Berth.Actors.Hosting;

/// <summary>Where the daemon keeps its state (data root), its runtime files (exec root), and its default OCI runtime.</summary>
public sealed record HostPaths(string DataRoot, string ExecRoot, string DefaultRuntime)
{
    /// <summary>The default cap on each container's log file (daemon.json log-opts max-size); null = unlimited.</summary>
    public long? LogSizeMax { get; init; }
}
