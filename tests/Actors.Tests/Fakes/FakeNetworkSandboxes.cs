using System.Collections.Concurrent;
using Berth.Native.Network;

namespace Berth.Actors.Tests.Fakes;

/// <summary>An in-memory network sandbox provider: records what is allocated, hands out 10.88.0.x addresses.</summary>
public sealed class FakeNetworkSandboxes : INetworkSandboxes
{
    private int _nextHost = 2;

    public ConcurrentDictionary<string, SandboxInfo> Allocated { get; } = new();
    public int ReleaseCalls;
    public string? FailNextAllocate { get; set; }
    /// <summary>When set, AllocateAsync waits for it (to freeze a start half-way).</summary>
    public TaskCompletionSource? HoldAllocate { get; set; }
    /// <summary>When set, ReleaseAsync waits for it (to freeze a release half-way).</summary>
    public TaskCompletionSource? HoldRelease { get; set; }

    public async Task<SandboxInfo> AllocateAsync(SandboxRequest request, CancellationToken cancellationToken)
    {
        if (HoldAllocate is { } hold) await hold.Task.WaitAsync(cancellationToken);
        if (FailNextAllocate is { } message) { FailNextAllocate = null; throw new InvalidOperationException(message); }
        var ip = $"10.88.0.{Interlocked.Increment(ref _nextHost)}";
        var info = new SandboxInfo($"/run/fake/netns/{request.ContainerId}",
            [new SandboxEndpoint("bridge", ip, 16, "10.88.0.1", "02:42:0a:58:00:02")], [], null, null, null);
        Allocated[request.ContainerId] = info;
        return info;
    }

    public async Task ReleaseAsync(string containerId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ReleaseCalls);
        if (HoldRelease is { } hold) await hold.Task.WaitAsync(cancellationToken);
        Allocated.TryRemove(containerId, out _);
    }

    public ConcurrentDictionary<string, List<string>> Connected { get; } = new();

    public Task<SandboxEndpoint> ConnectAsync(string containerId, SandboxNetworkRequest network, CancellationToken cancellationToken)
    {
        if (!Allocated.ContainsKey(containerId)) throw new NetworkException(NetworkErrorKind.Conflict, $"container {containerId} has no sandbox");
        Connected.GetOrAdd(containerId, _ => []).Add(network.Network);
        var ip = $"10.89.0.{Interlocked.Increment(ref _nextHost)}";
        return Task.FromResult(new SandboxEndpoint(network.Network, ip, 24, "10.89.0.1", "02:42:0a:59:00:02") { Aliases = network.Aliases });
    }

    public Task DisconnectAsync(string containerId, string network, CancellationToken cancellationToken)
    {
        if (Connected.TryGetValue(containerId, out var list)) list.Remove(network);
        return Task.CompletedTask;
    }
}
