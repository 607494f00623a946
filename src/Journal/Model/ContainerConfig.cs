namespace Berth.Journal.Model;

/// <summary>
/// The portable part of a container's configuration, in Docker's shape (the Engine API's
/// <c>Config</c>), after the image config has been merged in. Carried by <see cref="Events.Created"/>.
/// Every field is optional so that later additions never break replay of older events.
/// Null means "not set" (and, before the merge, "inherit from the image").
/// </summary>
public sealed record ContainerConfig
{
    public string? Image { get; init; }
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public string? User { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyList<string>? ExposedPorts { get; init; }
    public IReadOnlyList<string>? Volumes { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public bool StdinOnce { get; init; }
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    public string? StopSignal { get; init; }
    public int? StopTimeout { get; init; }
    public HealthConfig? Healthcheck { get; init; }
}
