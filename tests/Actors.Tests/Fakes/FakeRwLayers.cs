using System.Collections.Concurrent;
using Berth.Native.Storage;

namespace Berth.Actors.Tests.Fakes;

/// <summary>An in-memory layer store: records which containers have layers and which are mounted.</summary>
public sealed class FakeRwLayers : IRwLayers
{
    public ConcurrentDictionary<string, string> Layers { get; } = new();
    public ConcurrentDictionary<string, byte> Mounted { get; } = new();
    public ConcurrentDictionary<string, string> FailNext { get; } = new();
    /// <summary>When set, RemoveAsync waits for it (to freeze a removal half-way).</summary>
    public TaskCompletionSource? HoldRemove { get; set; }

    public Task CreateAsync(string containerId, string imageId, CancellationToken cancellationToken)
    {
        Fail("create rw layer");
        Layers[containerId] = imageId;
        return Task.CompletedTask;
    }

    public Task<string> MountAsync(string containerId, CancellationToken cancellationToken)
    {
        Fail("mount rootfs");
        Mounted[containerId] = 0;
        return Task.FromResult($"/var/lib/fake/{containerId}/merged");
    }

    public Task UnmountAsync(string containerId, CancellationToken cancellationToken)
    {
        Fail("unmount rootfs");
        Mounted.TryRemove(containerId, out _);
        return Task.CompletedTask;
    }

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        if (HoldRemove is { } hold) await hold.Task.WaitAsync(cancellationToken);
        Fail("remove rw layer");
        Mounted.TryRemove(containerId, out _);
        Layers.TryRemove(containerId, out _);
    }

    private void Fail(string step)
    {
        if (FailNext.TryRemove(step, out var message)) throw new InvalidOperationException(message);
    }
}
