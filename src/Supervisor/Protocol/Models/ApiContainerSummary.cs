namespace Berth.Supervisor.Api.Models;

/// <summary>One row of <c>GET /containers/json</c>.</summary>
public sealed record ApiContainerSummary
{
    public required string Id { get; init; }
    public required List<string> Names { get; init; }
    public required string Image { get; init; }
    public required string ImageID { get; init; }
    public required string Command { get; init; }
    public long Created { get; init; }
    public List<ApiPort> Ports { get; init; } = [];
    public Dictionary<string, string> Labels { get; init; } = new();
    public required string State { get; init; }
    public required string Status { get; init; }
    /// <summary>Bytes the container wrote (only with <c>size=true</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRw { get; init; }
    /// <summary>Image plus written bytes (only with <c>size=true</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? SizeRootFs { get; init; }
}

/// <summary>A published port in a list row.</summary>
public sealed record ApiPort(string? IP, int PrivatePort, int? PublicPort, string Type);
