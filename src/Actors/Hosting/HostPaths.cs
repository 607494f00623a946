namespace Berth.Actors.Hosting;

/// <summary>Where the daemon keeps its state (data root), its runtime files (exec root), and its default OCI runtime.</summary>
public sealed record HostPaths(string DataRoot, string ExecRoot, string DefaultRuntime);
