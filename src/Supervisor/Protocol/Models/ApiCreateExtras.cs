using System.Text.Json.Serialization;
using System.Text.Json;

namespace Berth.Supervisor.Api.Models;

/// <summary>The parts of a create body beside the container config (Docker embeds them in one object).</summary>
public sealed record ApiCreateExtras(ApiHostConfig? HostConfig, ApiNetworkingConfig? NetworkingConfig);

/// <summary>Reply of <c>POST /containers/create</c>.</summary>
public sealed record ApiCreateResponse(string Id, List<string> Warnings);

/// <summary>Docker's error body: <c>{"message": "..."}</c>.</summary>
public sealed record ApiError([property: JsonPropertyName("message")] string Message);

/// <summary>Reply of <c>POST /containers/{id}/wait</c>.</summary>
public sealed record ApiWaitResponse(int StatusCode, ApiWaitError? Error);

public sealed record ApiWaitError(string Message);
