namespace Berth.Actors.Hosting;

/// <summary>Where the daemon keeps its state (data root), its runtime files (exec root), and its default OCI runtime.</summary>
public sealed record HostPaths(string DataRoot, string ExecRoot, string DefaultRuntime)
{
    /// <summary>The default cap on each container's log file (daemon.json log-opts max-size); null = unlimited.</summary>
    public long? LogSizeMax { get; init; }

    /// <summary>The default bridge's subnet (daemon.json bip); null = the built-in one.</summary>
    public string? BridgeSubnet { get; init; }

    /// <summary>MTU of containers' interfaces; null = the bridge plugin's default (1500).</summary>
    public int? Mtu { get; init; }

    /// <summary>User-defined networks' address pools as "base/size"; null = Docker's defaults.</summary>
    public IReadOnlyList<string>? AddressPools { get; init; }
}
