namespace Berth.Supervisor.Api.Models;

/// <summary>Reply of <c>GET /version</c>.</summary>
public sealed record ApiVersionInfo(
    string Version, string ApiVersion, string MinAPIVersion, string GitCommit, string GoVersion,
    string Os, string Arch, string KernelVersion, string BuildTime, List<ApiVersionComponent> Components);

public sealed record ApiVersionComponent(string Name, string Version);

/// <summary>Reply of <c>GET /info</c> (the fields clients read).</summary>
public sealed record ApiInfo(
    string ID, string Name, int Containers, int ContainersRunning, int ContainersPaused, int ContainersStopped,
    int Images, string Driver, string DockerRootDir, string DefaultRuntime, Dictionary<string, ApiRuntime> Runtimes,
    string CgroupDriver, string CgroupVersion, string KernelVersion, string OperatingSystem, string OSType,
    string Architecture, int NCPU, long MemTotal, string ServerVersion, bool LiveRestoreEnabled);

public sealed record ApiRuntime(string Path);
