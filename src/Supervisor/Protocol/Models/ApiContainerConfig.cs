using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>Docker's container <c>Config</c> on the wire (create body, inspect's <c>Config</c>).</summary>
public sealed record ApiContainerConfig
{
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public string? User { get; init; }
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    public Dictionary<string, JsonElement>? ExposedPorts { get; init; }
    public bool Tty { get; init; }
    public bool OpenStdin { get; init; }
    public bool StdinOnce { get; init; }
    public List<string>? Env { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Cmd { get; init; }
    public string? Image { get; init; }
    public Dictionary<string, JsonElement>? Volumes { get; init; }
    public string? WorkingDir { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Entrypoint { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public string? StopSignal { get; init; }
    public int? StopTimeout { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiHealthConfig? Healthcheck { get; init; }
}
