using System.Text.Json;

namespace Berth.Torture;

/// <summary>What the daemon says about one container: from its list row and its inspect document.</summary>
internal sealed record ContainerView(string Id, string Name, string Status, bool Running, bool Paused, int Pid, bool AutoRemove)
{
    public string Short => Id[..Math.Min(12, Id.Length)];

    /// <summary>Lists every container and inspects each; one that goes in between is left out.</summary>
    public static async Task<IReadOnlyList<ContainerView>> ReadAllAsync(UnixHttp http)
    {
        using var list = await http.GetJsonAsync("containers/json?all=1");
        var views = new List<ContainerView>();
        foreach (var row in list.RootElement.EnumerateArray())
        {
            var id = row.GetProperty("Id").GetString()!;
            using var inspect = await http.GetJsonOrNullAsync($"containers/{id}/json");
            if (inspect is null) continue;
            var state = inspect.RootElement.GetProperty("State");
            var host = inspect.RootElement.GetProperty("HostConfig");
            views.Add(new ContainerView(
                id,
                inspect.RootElement.GetProperty("Name").GetString()!.TrimStart('/'),
                state.GetProperty("Status").GetString()!,
                state.GetProperty("Running").GetBoolean(),
                state.GetProperty("Paused").GetBoolean(),
                state.GetProperty("Pid").GetInt32(),
                host.TryGetProperty("AutoRemove", out var auto) && auto.ValueKind == JsonValueKind.True));
        }
        return views;
    }
}
