using System.Text.Json.Serialization;


namespace Berth.Supervisor.Api.Models;

/// <summary>Reply of <c>GET /containers/{id}/json</c>, in Docker's shape.</summary>
public sealed record ApiContainerInspect
{
    public required string Id { get; init; }
    public required string Created { get; init; }
    public required string Path { get; init; }
    public required List<string> Args { get; init; }
    public required ApiContainerStateView State { get; init; }
    public required string Image { get; init; }
    public string ResolvConfPath { get; init; } = "";
    public string HostnamePath { get; init; } = "";
    public string HostsPath { get; init; } = "";
    public string LogPath { get; init; } = "";
    public required string Name { get; init; }
    public int RestartCount { get; init; }
    public string Driver { get; init; } = "overlay";
    public string Platform { get; init; } = "linux";
    public required ApiHostConfig HostConfig { get; init; }
    public required ApiContainerConfig Config { get; init; }
    public required ApiNetworkSettings NetworkSettings { get; init; }
    public List<ApiMountPoint> Mounts { get; init; } = [];
}

/// <summary>Inspect's <c>State</c>.</summary>
public sealed record ApiContainerStateView(
    string Status, bool Running, bool Paused, bool Restarting, bool OOMKilled, bool Dead,
    int Pid, int ExitCode, string Error, string StartedAt, string FinishedAt)
{
    /// <summary>Present only for a container with a health check, as in Docker.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiHealth? Health { get; init; }
}

/// <summary>Inspect's and list's <c>NetworkSettings</c>.</summary>
public sealed record ApiNetworkSettings
{
    public string SandboxKey { get; init; } = "";
    public string IPAddress { get; init; } = "";
    public int IPPrefixLen { get; init; }
    public string Gateway { get; init; } = "";
    public string MacAddress { get; init; } = "";
    public Dictionary<string, List<ApiPortBinding>?> Ports { get; init; } = new();
    public Dictionary<string, ApiEndpoint> Networks { get; init; } = new();
}

/// <summary>One network of <c>NetworkSettings.Networks</c> (Docker's <c>EndpointSettings</c>).</summary>
public sealed record ApiEndpoint(string IPAddress, int IPPrefixLen, string Gateway, string MacAddress)
{
    public ApiEndpointIpam? IPAMConfig { get; init; }
    public List<string>? Links { get; init; }
    public List<string>? Aliases { get; init; }
    public string NetworkID { get; init; } = "";
    public string EndpointID { get; init; } = "";
    public string IPv6Gateway { get; init; } = "";
    public string GlobalIPv6Address { get; init; } = "";
    public int GlobalIPv6PrefixLen { get; init; }
    public Dictionary<string, string>? DriverOpts { get; init; }
    public List<string>? DNSNames { get; init; }
}
