using System.Text.Json.Serialization;

namespace Berth.Supervisor.Api.Models;

/// <summary>Body of <c>POST /containers/{id}/exec</c>: Docker's ExecConfig.</summary>
public sealed record ApiExecConfig
{
    public bool AttachStdin { get; init; }
    public bool AttachStdout { get; init; }
    public bool AttachStderr { get; init; }
    public string? DetachKeys { get; init; }
    public bool Tty { get; init; }
    public List<string>? Env { get; init; }
    public List<string>? Cmd { get; init; }
    public bool Privileged { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public List<int>? ConsoleSize { get; init; }
}

/// <summary>Body of <c>POST /exec/{id}/start</c>.</summary>
public sealed record ApiExecStart
{
    public bool Detach { get; init; }
    public bool Tty { get; init; }
    public List<int>? ConsoleSize { get; init; }
}

/// <summary>Reply of <c>POST /containers/{id}/exec</c>.</summary>
public sealed record ApiIdResponse(string Id);

/// <summary><c>GET /exec/{id}/json</c>, in Docker's shape (ExitCode null until the process ended).</summary>
public sealed record ApiExecInspect
{
    public bool CanRemove { get; init; }
    public string ContainerID { get; init; } = "";
    public string DetachKeys { get; init; } = "";
    public int? ExitCode { get; init; }
    public string ID { get; init; } = "";
    public bool OpenStderr { get; init; }
    public bool OpenStdin { get; init; }
    public bool OpenStdout { get; init; }
    public ApiProcessConfig ProcessConfig { get; init; } = new();
    public bool Running { get; init; }
    public int Pid { get; init; }
}

/// <summary>Docker's lower-case ProcessConfig of an exec inspect.</summary>
public sealed record ApiProcessConfig
{
    [JsonPropertyName("arguments")] public List<string> Arguments { get; init; } = [];
    [JsonPropertyName("entrypoint")] public string Entrypoint { get; init; } = "";
    [JsonPropertyName("privileged")] public bool Privileged { get; init; }
    [JsonPropertyName("tty")] public bool Tty { get; init; }
    [JsonPropertyName("user")] public string User { get; init; } = "";
}

/// <summary>Source-generated JSON of the exec wire types (kept apart from <see cref="ApiJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ApiExecConfig))]
[JsonSerializable(typeof(ApiExecStart))]
[JsonSerializable(typeof(ApiIdResponse))]
[JsonSerializable(typeof(ApiExecInspect))]
public sealed partial class ExecJson : JsonSerializerContext;
