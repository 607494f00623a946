using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary><c>berth version</c> and <c>berth info</c>.</summary>
internal static class SystemVerbs
{
    public static async Task<int> Version(ApiClient client, TextWriter output)
    {
        await output.WriteLineAsync("Client:");
        await output.WriteLineAsync($" Version:           {BerthVersion.Version}");
        await output.WriteLineAsync($" API version:       {Api.ApiVersion.Current}");
        var server = await client.GetJsonAsync("/version", ApiJson.Default.ApiVersionInfo);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Server: berth");
        await output.WriteLineAsync($" Version:           {server.Version}");
        await output.WriteLineAsync($" API version:       {server.ApiVersion} (minimum version {server.MinAPIVersion})");
        await output.WriteLineAsync($" OS/Arch:           {server.Os}/{server.Arch}");
        return 0;
    }

    public static async Task<int> Info(ApiClient client, TextWriter output)
    {
        var info = await client.GetJsonAsync("/info", ApiJson.Default.ApiInfo);
        await output.WriteLineAsync($"Containers: {info.Containers}");
        await output.WriteLineAsync($" Running: {info.ContainersRunning}");
        await output.WriteLineAsync($" Paused: {info.ContainersPaused}");
        await output.WriteLineAsync($" Stopped: {info.ContainersStopped}");
        await output.WriteLineAsync($"Images: {info.Images}");
        await output.WriteLineAsync($"Server Version: {info.ServerVersion}");
        await output.WriteLineAsync($"Storage Driver: {info.Driver}");
        await output.WriteLineAsync($"Cgroup Driver: {info.CgroupDriver}");
        await output.WriteLineAsync($"Cgroup Version: {info.CgroupVersion}");
        await output.WriteLineAsync($"Runtimes: {string.Join(' ', info.Runtimes.Keys)}");
        await output.WriteLineAsync($"Default Runtime: {info.DefaultRuntime}");
        await output.WriteLineAsync($"Kernel Version: {info.KernelVersion}");
        await output.WriteLineAsync($"Operating System: {info.OperatingSystem}");
        await output.WriteLineAsync($"Architecture: {info.Architecture}");
        await output.WriteLineAsync($"CPUs: {info.NCPU}");
        await output.WriteLineAsync($"Name: {info.Name}");
        await output.WriteLineAsync($"ID: {info.ID}");
        await output.WriteLineAsync($"Docker Root Dir: {info.DockerRootDir}");
        await output.WriteLineAsync($"Live Restore Enabled: {(info.LiveRestoreEnabled ? "true" : "false")}");
        return 0;
    }
}
