using System.Text.Json;
using Berth.Actors.Containers;
using Berth.Supervisor.Api.Models;
using Berth.Supervisor.Api.Views;

namespace Berth.Supervisor.Api;

/// <summary>
/// Reads and checks a <c>POST /containers/create</c> body. Malformed JSON, wrong types and oversized
/// bodies are answered with 400 here, so nothing half-made ever reaches the actors.
/// </summary>
internal static class CreateRequestReader
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task<CreateContainer?> Read(HttpContext http)
    {
        JsonDocument document;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxBodyBytes) return await Fail(http, $"request body is larger than {MaxBodyBytes} bytes");
            if (buffer.Length == 0) return await Fail(http, "request body is empty: a container config is required");
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e) { return await Fail(http, "invalid JSON: " + e.Message); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return await Fail(http, "invalid JSON: the body must be an object");
            ApiContainerConfig? config;
            ApiCreateExtras? extras;
            try
            {
                config = document.RootElement.Deserialize(ApiJson.Default.ApiContainerConfig);
                extras = document.RootElement.Deserialize(ApiJson.Default.ApiCreateExtras);
            }
            catch (JsonException e) { return await Fail(http, "invalid JSON: " + e.Message); }
            if (config is null) return await Fail(http, "a container config is required");
            if (NullItem(config, extras?.HostConfig) is { } field) return await Fail(http, $"invalid JSON: {field} must hold strings, not null");
            if (string.IsNullOrWhiteSpace(config.Image)) return await Fail(http, "Config.Image is required");
            var host = ConfigMapping.ToDomain(extras?.HostConfig, out var error);
            if (error is not null) return await Fail(http, error);
            var name = http.Request.Query["name"].ToString();
            var gateway = http.RequestServices.GetRequiredService<ActorGateway>();
            var (networked, refusal) = await CreateNetworking.Resolve(gateway, host, extras?.NetworkingConfig, http.RequestAborted);
            if (refusal is not null) { await ApiErrors.Write(http, refusal); return null; }
            return new CreateContainer(name.Length > 0 ? name : null, config.Image, config.Image, ConfigMapping.ToDomain(config), networked!);
        }
    }

    /// <summary>The first list or map that holds a JSON null where Docker expects strings.</summary>
    private static string? NullItem(ApiContainerConfig config, ApiHostConfig? host)
    {
        if (config.Env?.Contains(null!) == true) return "Env";
        if (config.Labels?.Values.Contains(null!) == true) return "Labels";
        if (host?.Binds?.Contains(null!) == true) return "HostConfig.Binds";
        if (host?.CapAdd?.Contains(null!) == true) return "HostConfig.CapAdd";
        if (host?.CapDrop?.Contains(null!) == true) return "HostConfig.CapDrop";
        if (host?.PortBindings?.Values.Any(b => b?.Contains(null!) == true) == true) return "HostConfig.PortBindings";
        return null;
    }

    private static async Task<CreateContainer?> Fail(HttpContext http, string message)
    {
        await ApiErrors.Write(http, StatusCodes.Status400BadRequest, message);
        return null;
    }
}
