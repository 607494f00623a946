using System.Collections.Concurrent;

namespace Berth.Supervisor.Api;

/// <summary>
/// Which container an exec id belongs to, for the <c>/exec/{id}</c> routes. Exec instances live in
/// their container's actor; this only finds the container. Entries are dropped once the container
/// no longer knows the exec.
/// </summary>
internal sealed class ExecIndex
{
    private readonly ConcurrentDictionary<string, string> _containerOf = new(StringComparer.Ordinal);

    public void Add(string execId, string containerId) => _containerOf[execId] = containerId;

    public string? ContainerOf(string execId) => _containerOf.TryGetValue(execId, out var id) ? id : null;

    public void Forget(string execId) => _containerOf.TryRemove(execId, out _);
}
