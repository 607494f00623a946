using System.Text.Json;

namespace Berth.Supervisor.Api.Models;

/// <summary>A network as <c>GET /networks</c> and <c>GET /networks/{id}</c> show it (Docker's <c>Network</c>).</summary>
public sealed record ApiNetwork
{
    public required string Name { get; init; }
    public required string Id { get; init; }
    public required string Created { get; init; }
    public string Scope { get; init; } = "local";
    public required string Driver { get; init; }
    public bool EnableIPv6 { get; init; }
    public required ApiIpam IPAM { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool Ingress { get; init; }
    public ApiConfigFrom ConfigFrom { get; init; } = new("");
    public bool ConfigOnly { get; init; }
    public Dictionary<string, ApiNetworkContainer> Containers { get; init; } = new();
    public Dictionary<string, string> Options { get; init; } = new();
    public Dictionary<string, string> Labels { get; init; } = new();
}

public sealed record ApiIpam(string Driver, Dictionary<string, string>? Options, List<ApiIpamConfig> Config);

public sealed record ApiIpamConfig
{
    public string? Subnet { get; init; }
    public string? IPRange { get; init; }
    public string? Gateway { get; init; }
}

public sealed record ApiConfigFrom(string Network);

public sealed record ApiNetworkContainer(string Name, string EndpointID, string MacAddress, string IPv4Address, string IPv6Address);

/// <summary>Body of <c>POST /networks/create</c>.</summary>
public sealed record ApiNetworkCreate
{
    public string? Name { get; init; }
    public bool? CheckDuplicate { get; init; }
    public string? Driver { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public ApiIpamRequest? IPAM { get; init; }
    public Dictionary<string, string>? Options { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
}

public sealed record ApiIpamRequest(string? Driver, List<ApiIpamConfig>? Config, Dictionary<string, string>? Options);

public sealed record ApiNetworkCreateResponse(string Id, string Warning);

/// <summary>Body of <c>POST /networks/{id}/connect</c>.</summary>
public sealed record ApiNetworkConnect(string? Container, ApiEndpointConfig? EndpointConfig);

/// <summary>Body of <c>POST /networks/{id}/disconnect</c>.</summary>
public sealed record ApiNetworkDisconnect(string? Container, bool Force);

/// <summary>Docker's <c>EndpointSettings</c> in requests (connect, create's NetworkingConfig).</summary>
public sealed record ApiEndpointConfig
{
    public ApiEndpointIpam? IPAMConfig { get; init; }
    public List<string>? Aliases { get; init; }
    public JsonElement? Links { get; init; }
}

public sealed record ApiEndpointIpam(string? IPv4Address, string? IPv6Address);

/// <summary>Create's <c>NetworkingConfig</c>.</summary>
public sealed record ApiNetworkingConfig(Dictionary<string, ApiEndpointConfig?>? EndpointsConfig);

public sealed record ApiNetworksPruned(List<string> NetworksDeleted);
