using System.Diagnostics.CodeAnalysis;

namespace Berth.Supervisor.Config;

/// <summary>
/// Everything <c>berth daemon</c> needs to know before it starts: where its state and sockets live,
/// which OCI runtime it drives, how it logs and how eagerly it restarts crashed containers.
/// Built by <see cref="DaemonSettingsLoader"/>; a default instance is the daemon's built-in configuration.
/// Invariants (upheld by the loader, not by the record): paths are absolute, <see cref="DefaultRuntime"/>
/// is <c>crun</c> or <c>runc</c>, <see cref="LogLevel"/> is one of dockerd's levels in lower case,
/// <see cref="SnapshotEvery"/> is positive and <see cref="RestartBackoffInitial"/> is positive and
/// not above <see cref="RestartBackoffMax"/>.
/// </summary>
internal sealed record DaemonSettings
{
    private readonly string? _socketPath;
    private readonly string? _logDirectory;

    /// <summary>Persistent state: the journal, snapshots, logs unless moved.</summary>
    public string DataRoot { get; init; } = "/var/lib/berth";

    /// <summary>Runtime state that dies with the host (tmpfs): the socket, runtime state dirs.</summary>
    public string ExecRoot { get; init; } = "/run/berth";

    /// <summary>
    /// The unix socket the daemon listens on. Left unset (or set to null) it follows
    /// <see cref="ExecRoot"/> as <c>&lt;ExecRoot&gt;/berth.sock</c>, so moving the exec root moves the
    /// socket unless a host was given explicitly.
    /// </summary>
    [AllowNull]
    public string SocketPath
    {
        get => _socketPath ?? Path.Combine(ExecRoot, "berth.sock");
        init => _socketPath = value;
    }

    /// <summary>Group that gets read/write access to the socket; null leaves it root-only.</summary>
    public string? SocketGroup { get; init; }

    /// <summary>OCI runtime binary used when a container does not name one: <c>crun</c> or <c>runc</c>.</summary>
    public string DefaultRuntime { get; init; } = "crun";

    /// <summary>dockerd-style minimum log level: debug, info, warn, error or fatal.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>daemon.json <c>log-opts.max-size</c>: each container's log is started afresh past this size; null = unlimited.</summary>
    public long? LogSizeMax { get; init; }

    /// <summary>
    /// Where the daemon's rolling log files go. Left unset (or set to null) it follows
    /// <see cref="DataRoot"/> as <c>&lt;DataRoot&gt;/logs</c>.
    /// </summary>
    [AllowNull]
    public string LogDirectory
    {
        get => _logDirectory ?? Path.Combine(DataRoot, "logs");
        init => _logDirectory = value;
    }

    /// <summary>How many journal events a persistent actor writes between snapshots.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>First delay before restarting a container that exited and should be restarted.</summary>
    public TimeSpan RestartBackoffInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Ceiling the doubling restart delay never exceeds.</summary>
    public TimeSpan RestartBackoffMax { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A container that stays up this long is considered healthy and its backoff starts over.</summary>
    public TimeSpan RestartResetAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The default bridge's subnet (daemon.json <c>bip</c> / <c>--bip</c> give its gateway as
    /// <c>10.88.0.1/16</c>; the bridge takes the subnet's first address); null = berth's 10.88.0.0/16.
    /// </summary>
    public string? BridgeSubnet { get; init; }

    /// <summary>MTU of containers' interfaces (daemon.json <c>mtu</c> / <c>--mtu</c>); null = 1500.</summary>
    public int? Mtu { get; init; }

    /// <summary>
    /// Where user-defined networks get their subnets (daemon.json <c>default-address-pools</c>), each as
    /// <c>base/size</c>; null = Docker's default pools.
    /// </summary>
    public IReadOnlyList<string>? AddressPools { get; init; }

    /// <summary>The SQLite event journal, always inside <see cref="DataRoot"/>.</summary>
    public string JournalPath => Path.Combine(DataRoot, "journal.db");
}
